package io.asynctournament.bot.discord;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.asynctournament.bot.config.BotContext;
import io.asynctournament.bot.config.BotSettings;
import io.asynctournament.bot.discord.fake.FakeDiscord;
import io.asynctournament.db.generated.enums.TaskRunStatus;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.runner.TaskRequest;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.asynctournament.db.generated.Tables.TASK_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault: Discord cannot be reached when the bot starts. The bot is pointed at a port where nothing listens yet; the
 * scheduler and the dashboard must work meanwhile, each failed login is logged in words, and once a (fake) Discord
 * appears on that port the bot logs in, gets READY and registers its slash commands, without a restart.
 */
@ExtendWith(DatabaseExtension.class)
class DiscordUnreachableTest {
    private static final String PASSWORD = "unreachable-test";
    private static final LoginBackoff FAST = new LoginBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger connectionLog = (Logger) LoggerFactory.getLogger(DiscordConnection.class);
    private AnnotationConfigApplicationContext bot;
    private FakeDiscord discord;

    @BeforeEach
    void captureLogs() {
        logs.start();
        connectionLog.addAppender(logs);
    }

    @AfterEach
    void stop() {
        connectionLog.detachAppender(logs);
        if (bot != null) {
            bot.close();
        }
        if (discord != null) {
            discord.close();
        }
    }

    @Test
    void the_scheduler_and_dashboard_run_while_discord_is_unreachable_and_the_bot_logs_in_once_discord_appears()
            throws Exception {
        int discordPort = freePort();
        int dashboardPort = freePort();
        bot = BotContext.forBot(settings(dashboardPort), b -> FakeDiscord.configure(b, discordPort), FAST);
        DiscordConnection connection = bot.getBean(DiscordConnection.class);
        assertThat(connection.jda()).as("not logged in: nothing listens on the Discord port").isEmpty();

        // the tasks run and the dashboard answers while Discord is down
        bot.getBean(JobRequestScheduler.class).enqueue(new TaskRequest("async_tournament_score_calculation"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                TestDatabase.get().dsl().fetchCount(TASK_RUN, TASK_RUN.STATUS.eq(TaskRunStatus.success)) == 1);
        assertThat(dashboard(dashboardPort).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> retries().size() >= 3);
        assertThat(retries().get(0)).matches("Discord is unreachable \\(cannot connect: .*127\\.0\\.0\\.1:"
                + discordPort + "\\): retrying in 200 ms; the scheduler and the dashboard keep running meanwhile");
        assertThat(retries().get(1)).endsWith("): retrying in 400 ms");
        assertThat(retries().get(2)).endsWith("): retrying in 800 ms");
        assertThat(connection.jda()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> retries().size() >= 6);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .as("a failed attempt leaves no JDA thread behind").noneMatch(name -> name.startsWith("JDA"));

        // Discord appears: the bot logs in (users/@me), IDENTIFYs, gets READY and registers its commands in the guild
        discord = FakeDiscord.start(discordPort);
        discord.guild(7001, "Late Guild").textChannel(7101, "general");
        await().atMost(Duration.ofSeconds(20)).until(() -> !discord.guildCommands(7001).isEmpty());
        assertThat(discord.requests("GET", "users/@me")).isNotEmpty();
        assertThat(discord.identifyCount()).isEqualTo(1);
        assertThat(discord.gatewayConnected()).isTrue();
        assertThat(discord.guildCommands(7001)).extracting(c -> c.get("name")).contains("tasks", "async");
        assertThat(connection.loggedIn().toCompletableFuture().get(1, TimeUnit.SECONDS)).isSameAs(
                connection.jda().orElseThrow());
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.matches("Logged in to Discord after \\d+ failed attempts"));
        assertThat(dashboard(dashboardPort).statusCode()).isEqualTo(200);
    }

    private List<String> retries() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.startsWith("Discord is unreachable")).toList();
    }

    private static BotSettings settings(int dashboardPort) {
        Map<String, String> env = new HashMap<>(Map.of("DATABASE_URL", TestDatabase.jdbcUrl(),
                "DATABASE_USER", "postgres", "DASHBOARD_PORT", Integer.toString(dashboardPort),
                "DASHBOARD_PASSWORD", PASSWORD, "DISCORD_TOKEN", "fake-token", "DISCORD_COMMANDS", "guild"));
        return BotSettings.fromEnvironment(env, null);
    }

    private static HttpResponse<String> dashboard(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/recurring-jobs")).header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
