package io.asynctournament.bot.testing;

import io.asynctournament.bot.config.BotContext;
import io.asynctournament.bot.config.BotSettings;
import io.asynctournament.bot.discord.DiscordConnection;
import io.asynctournament.bot.discord.fake.FakeDiscord;
import io.asynctournament.db.testing.TestDatabase;
import net.dv8tion.jda.api.JDA;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;

/**
 * The real bot (Spring context, JDA, router, services, the test PostgreSQL) started against the fake Discord, for the
 * Discord end-to-end test classes (one per class: build it in {@code @BeforeAll}, {@link #close()} it in
 * {@code @AfterAll}).
 *
 * <pre>{@code
 * running = BotAgainstFakeDiscord.builder()
 *         .discord(fake -> guild = fake.guild(GUILD_ID, "Race Club"))
 *         .env("DASHBOARD_PASSWORD", "race-test-password")
 *         .clock(OffsetClock.class)
 *         .waitForConnection()
 *         .start();
 * }</pre>
 *
 * {@link Builder#start()} starts the fake, lets the test set up its guilds, channels and members on it, empties the
 * test database ({@link TestDatabase#clear()}), starts the bot with the environment below (README "Configuration")
 * and waits for what the test asked for (each wait up to 20 seconds). The environment by default:
 * {@code DATABASE_URL} the test database, {@code DATABASE_USER=postgres}, {@code DASHBOARD_PORT} a free port,
 * {@code DASHBOARD_PASSWORD=test-password}, {@code DISCORD_TOKEN=fake-token}, {@code DISCORD_COMMANDS=guild};
 * {@link Builder#env(String, String)} adds or replaces a variable.
 */
public final class BotAgainstFakeDiscord implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final FakeDiscord discord;
    private final AnnotationConfigApplicationContext bot;
    private final Map<String, String> env;

    private BotAgainstFakeDiscord(FakeDiscord discord, AnnotationConfigApplicationContext bot,
                                  Map<String, String> env) {
        this.discord = discord;
        this.bot = bot;
        this.env = env;
    }

    /** A builder with the default environment, no extra clock and no waits. */
    public static Builder builder() {
        return new Builder();
    }

    /** The fake Discord the bot is connected to. */
    public FakeDiscord discord() {
        return discord;
    }

    /** The bot's Spring context. */
    public AnnotationConfigApplicationContext bot() {
        return bot;
    }

    /** The environment the bot was started with (unmodifiable), e.g. for the CLI or a second bot. */
    public Map<String, String> env() {
        return env;
    }

    /**
     * The bot's JDA.
     *
     * @throws java.util.NoSuchElementException if the bot has no JDA (yet)
     */
    public JDA jda() {
        return bot.getBean(DiscordConnection.class).jda().orElseThrow();
    }

    /** Closes the bot, then the fake Discord. */
    @Override
    public void close() {
        try {
            bot.close();
        } finally {
            discord.close();
        }
    }

    /**
     * A free TCP port on this machine (for {@code DASHBOARD_PORT}).
     *
     * @throws UncheckedIOException if no port can be opened
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What to start: the fake's contents, the environment, the bot's clock, what to wait for. */
    public static final class Builder {
        private final Map<String, String> env = new LinkedHashMap<>();
        private Consumer<FakeDiscord> setUp = fake -> { };
        private final List<Class<?>> extraComponents = new ArrayList<>();
        private boolean waitForConnection;
        private final List<Map.Entry<Long, String>> commands = new ArrayList<>();

        private Builder() {
            env.put("DATABASE_URL", TestDatabase.jdbcUrl());
            env.put("DATABASE_USER", "postgres");
            env.put("DASHBOARD_PORT", Integer.toString(freePort()));
            env.put("DASHBOARD_PASSWORD", "test-password");
            env.put("DISCORD_TOKEN", "fake-token");
            env.put("DISCORD_COMMANDS", "guild");
        }

        /** What the fake Discord holds before the bot connects (guilds, channels, members, rate limits...). */
        public Builder discord(Consumer<FakeDiscord> setUp) {
            this.setUp = setUp;
            return this;
        }

        /** Adds or replaces one environment variable (README "Configuration"). */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** The bot's {@code Clock} bean: a {@code @Primary} clock class registered with the bot's components. */
        public Builder clock(Class<? extends Clock> clock) {
            extraComponents.add(clock);
            return this;
        }

        /** More Spring components for the bot (e.g. a test's own slash command, button or modal handlers). */
        public Builder components(Class<?>... components) {
            extraComponents.addAll(List.of(components));
            return this;
        }

        /** {@link #start()} waits until the bot's JDA is CONNECTED. */
        public Builder waitForConnection() {
            waitForConnection = true;
            return this;
        }

        /** {@link #start()} waits until the guild has the command of that name (the bot has registered it). */
        public Builder waitForCommand(long guildId, String name) {
            commands.add(Map.entry(guildId, name));
            return this;
        }

        /**
         * Starts the fake Discord and the bot and waits (each wait up to 20 seconds); on any failure closes what it
         * started and rethrows.
         *
         * @throws org.awaitility.core.ConditionTimeoutException if a wait times out
         */
        public BotAgainstFakeDiscord start() {
            FakeDiscord discord = FakeDiscord.start();
            AnnotationConfigApplicationContext bot = null;
            try {
                setUp.accept(discord);
                Map<String, String> environment = Map.copyOf(env);
                TestDatabase.clear();
                bot = BotContext.forBot(BotSettings.fromEnvironment(environment, null), discord::configure,
                        extraComponents.toArray(Class<?>[]::new));
                BotAgainstFakeDiscord running = new BotAgainstFakeDiscord(discord, bot, environment);
                if (waitForConnection) {
                    AnnotationConfigApplicationContext context = bot;
                    waitUntil(() -> context.getBean(DiscordConnection.class).jda()
                            .map(j -> j.getStatus() == JDA.Status.CONNECTED).orElse(false));
                }
                for (Map.Entry<Long, String> command : commands) {
                    waitUntil(() -> discord.guildCommands(command.getKey()).stream()
                            .anyMatch(c -> command.getValue().equals(c.get("name"))));
                }
                return running;
            } catch (RuntimeException | Error e) {
                try {
                    if (bot != null) {
                        bot.close();
                    }
                } finally {
                    discord.close();
                }
                throw e;
            }
        }

        private static void waitUntil(BooleanSupplier condition) {
            await().atMost(WAIT).until(condition::getAsBoolean);
        }
    }
}
