package io.asynctournament.bot.discord.tasks;

import io.asynctournament.bot.config.BotContext;
import io.asynctournament.bot.config.BotSettings;
import io.asynctournament.bot.discord.fake.FakeDiscord;
import io.asynctournament.bot.discord.fake.FakeGuild;
import io.asynctournament.bot.discord.fake.FakeMember;
import io.asynctournament.bot.discord.fake.SlashReply;
import io.asynctournament.bot.testing.BotAgainstFakeDiscord;
import io.asynctournament.db.generated.enums.NotificationStatus;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.control.TaskControlService;
import net.dv8tion.jda.api.Permission;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.asynctournament.db.generated.Tables.AUDIT_LOG;
import static io.asynctournament.db.generated.Tables.GUILD;
import static io.asynctournament.db.generated.Tables.NOTIFICATION;
import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.RACER;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static io.asynctournament.db.generated.Tables.TASK_SETTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code /tasks} end to end: the real bot (Spring context, JDA, JobRunr, PostgreSQL) against a local fake Discord.
 * Guild HOME has an operator (no Discord permissions), a server admin (Manage Server) and a plain member; guild OTHER
 * has its own admin.
 */
class TasksSlashCommandTest {
    static final String PENDING = "async_tournament_timeout_pending";
    static final String IN_PROGRESS = "async_tournament_timeout_in_progress";
    static final String SCORES = "async_tournament_score_calculation";
    static final long HOME_ID = 5001;
    static final long OTHER_ID = 5002;

    static FakeDiscord discord;
    static FakeGuild home;
    static FakeGuild other;
    static FakeMember operator;
    static FakeMember admin;
    static FakeMember member;
    static FakeMember otherAdmin;
    static AnnotationConfigApplicationContext bot;
    static BotAgainstFakeDiscord running;
    static Map<String, String> env;

    private final DSLContext dsl = TestDatabase.get().dsl();

    @BeforeAll
    static void startDiscordAndTheBot() {
        running = BotAgainstFakeDiscord.builder()
                .discord(fake -> {
                    home = fake.guild(HOME_ID, "Speedrun Club");
                    home.textChannel(6001, "races");
                    operator = home.member(11, "operator");
                    admin = home.member(12, "admin", Permission.MANAGE_SERVER);
                    member = home.member(13, "racer");
                    other = fake.guild(OTHER_ID, "Other Club");
                    other.textChannel(6002, "general");
                    otherAdmin = other.member(21, "other-admin", Permission.MANAGE_SERVER);
                })
                .env("BOT_OPERATORS", "11")
                // the bot uploads all its commands in one request
                .waitForCommand(HOME_ID, "tasks").waitForCommand(OTHER_ID, "tasks").start();
        discord = running.discord();
        bot = running.bot();
        env = running.env();
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close(); // a test may have replaced the bot with a new one
        }
        if (running != null) {
            running.close();
        }
    }

    @BeforeEach
    void freshTasks() {
        TestDatabase.clear();
        bot.getBean(TaskControlService.class).reconcile(true);
    }

    @Test
    void registers_tasks_with_its_subcommands_as_a_manage_server_guild_command() {
        Map<String, Object> tasks = discord.guildCommands(HOME_ID).stream()
                .filter(c -> "tasks".equals(c.get("name"))).findFirst().orElseThrow();
        assertThat(String.valueOf(tasks.get("default_member_permissions")))
                .isEqualTo(Long.toString(Permission.MANAGE_SERVER.getRawValue()));
        assertThat(((List<?>) tasks.get("options")).stream().map(o -> String.valueOf(((Map<?, ?>) o).get("name")))
                .toList()).containsExactlyInAnyOrder("list", "pause", "resume", "reschedule", "configure", "run", "history",
                        "create", "delete", "reset");
    }

    @Test
    void an_operator_lists_pauses_and_resumes_a_built_in_task() {
        SlashReply list = slash(operator, "tasks list", Map.of());
        assertThat(list.deferred()).isTrue();
        assertThat(list.ephemeral()).isTrue();
        assertThat(fieldNames(list)).containsExactly(PENDING, IN_PROGRESS, SCORES);

        SlashReply paused = slash(operator, "tasks pause", Map.of("task", SCORES));
        assertThat(title(paused)).isEqualTo("Paused " + SCORES);
        assertThat(fieldValue(paused, "State")).startsWith("paused");
        assertThat(active(SCORES)).isFalse();
        assertThat(lastAudit()).containsEntry("actor", "discord:11").containsEntry("action", "task_pause");

        SlashReply again = slash(operator, "tasks pause", Map.of("task", SCORES));
        assertThat(title(again)).isEqualTo("Cannot do that");
        assertThat(description(again)).contains("is already paused");

        SlashReply resumed = slash(operator, "tasks resume", Map.of("task", SCORES));
        assertThat(fieldValue(resumed, "Next runs")).contains("<t:");
        assertThat(active(SCORES)).isTrue();
    }

    @Test
    void an_operator_reschedules_configures_runs_and_resets() {
        SlashReply every = slash(operator, "tasks reschedule", Map.of("task", SCORES, "every", "5m"));
        assertThat(fieldValue(every, "Schedule")).isEqualTo("every 5m");
        assertThat(fieldValue(every, "Next runs").split("<t:")).hasSize(4);

        SlashReply cron = slash(operator, "tasks reschedule", Map.of("task", SCORES, "cron", "0 */2 * * *",
                "zone", "Europe/Paris"));
        assertThat(fieldValue(cron, "Schedule")).isEqualTo("cron \"0 */2 * * *\" (Europe/Paris)");

        SlashReply configured = slash(operator, "tasks configure", Map.of("task", PENDING, "key", "timeout_minutes",
                "value", "30"));
        assertThat(fieldValue(configured, "Config")).contains("timeout_minutes=30");

        SlashReply run = slash(operator, "tasks run", Map.of("task", IN_PROGRESS));
        assertThat(description(run)).contains("was queued to run now");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                description(slash(operator, "tasks history", Map.of("task", IN_PROGRESS, "limit", 5))))
                .contains("success").contains("discord:11"));

        SlashReply reset = slash(operator, "tasks reset", Map.of("task", SCORES));
        assertThat(fieldValue(reset, "Schedule")).isEqualTo("every 1h");
    }

    @Test
    void bad_options_are_answered_with_what_is_accepted_and_change_nothing() {
        String before = settings();
        int audits = dsl.fetchCount(AUDIT_LOG);

        assertThat(description(slash(operator, "tasks reschedule", Map.of("task", SCORES, "every", "5m",
                "cron", "0 * * * *")))).isEqualTo("give exactly one of every (an interval such as 5m) or cron (such as "
                + "0 */2 * * *)");
        assertThat(description(slash(operator, "tasks reschedule", Map.of("task", SCORES)))).startsWith("give exactly "
                + "one of every");
        assertThat(description(slash(operator, "tasks reschedule", Map.of("task", SCORES, "every", "3s"))))
                .contains("the interval must be at least 10s");
        assertThat(description(slash(operator, "tasks reschedule", Map.of("task", SCORES, "cron", "0 */2 * *"))))
                .contains("has 4 field(s); accepted: 5 fields");
        assertThat(description(slash(operator, "tasks reschedule", Map.of("task", SCORES, "cron", "0 * * * *",
                "zone", "Mars/Olympus")))).contains("is not a time zone");
        assertThat(description(slash(operator, "tasks configure", Map.of("task", IN_PROGRESS, "key", "max_hours",
                "value", "500")))).isEqualTo("max_hours must be from 1 to 168, got 500");
        assertThat(description(slash(operator, "tasks configure", Map.of("task", PENDING, "key", "colour",
                "value", "blue")))).startsWith("unknown key 'colour' for " + PENDING + "; accepted: warning_minutes");
        assertThat(description(slash(operator, "tasks configure", Map.of("task", PENDING, "key", "warning_minutes",
                "value", "25")))).isEqualTo("warning_minutes (25) must be below timeout_minutes (20)");
        assertThat(description(slash(operator, "tasks configure", Map.of("task", SCORES, "key", "tournament_ids",
                "value", "999")))).contains("tournament_ids names no tournament with id(s) [999]");
        assertThat(description(slash(operator, "tasks pause", Map.of("task", "nope")))).startsWith("unknown task "
                + "'nope'");
        assertThat(description(slash(operator, "tasks history", Map.of("task", SCORES, "limit", 0))))
                .contains("from 1 to 100");

        assertThat(settings()).isEqualTo(before);
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.ne("refused"))).isEqualTo(audits);
    }

    @Test
    void a_task_id_is_limited_to_a_names_length_and_an_unknown_one_is_echoed_and_audited_escaped() {
        Map<String, Object> pause = discord.guildCommands(HOME_ID).stream()
                .filter(c -> "tasks".equals(c.get("name"))).findFirst().orElseThrow();
        Map<?, ?> taskOption = ((List<?>) pause.get("options")).stream().map(o -> (Map<?, ?>) o)
                .filter(o -> "pause".equals(o.get("name"))).map(o -> (Map<?, ?>) ((List<?>) o.get("options")).get(0))
                .findFirst().orElseThrow();
        assertThat(String.valueOf(taskOption.get("max_length"))).isEqualTo("100");

        // Discord enforces max_length; the bot does not rely on it
        String typed = "nope\n\u001B[2J" + "x".repeat(5_000);
        String reply = description(slash(operator, "tasks pause", Map.of("task", typed)));

        assertThat(reply).startsWith("unknown task 'nope\\n\\u001B[2Jxxx").doesNotContain("\n", "\u001B")
                .hasSizeLessThan(250);
        assertThat(dsl.select(AUDIT_LOG.SUBJECT).from(AUDIT_LOG).orderBy(AUDIT_LOG.ID.desc()).limit(1)
                .fetchSingle().value1()).startsWith("task:nope\\n").hasSizeLessThan(120);
    }

    @Test
    void a_server_admin_manages_their_own_instance_and_nothing_else() {
        SlashReply created = slash(admin, "tasks create", Map.of("type", PENDING));
        String mine = PENDING + ".guild-" + HOME_ID;
        assertThat(title(created)).isEqualTo("Created this server's " + PENDING);
        assertThat(fieldNames(slash(admin, "tasks list", Map.of()))).containsExactly(mine);

        assertThat(fieldValue(slash(admin, "tasks configure", Map.of("task", mine, "key", "timeout_minutes",
                "value", "30")), "Config")).contains("timeout_minutes=30");
        assertThat(title(slash(admin, "tasks pause", Map.of("task", mine)))).isEqualTo("Paused " + mine);

        SlashReply builtIn = slash(admin, "tasks pause", Map.of("task", PENDING));
        assertThat(title(builtIn)).isEqualTo("Not allowed");
        assertThat(description(builtIn)).isEqualTo("only the bot's operators may manage the built-in task " + PENDING);
        assertThat(active(PENDING)).isTrue();
        assertThat(lastAudit()).containsEntry("actor", "discord:12").containsEntry("action", "refused");

        assertThat(title(slash(admin, "tasks delete", Map.of("task", mine)))).isEqualTo("Deleted " + mine);
    }

    @Test
    void another_servers_admin_never_sees_or_touches_this_servers_instance() {
        slash(admin, "tasks create", Map.of("type", PENDING));
        String homeTask = PENDING + ".guild-" + HOME_ID;

        assertThat(fieldNames(slash(otherAdmin, "tasks list", Map.of()))).isEmpty();
        assertThat(discord.autocomplete(other, otherAdmin, "tasks pause", "task", "", Map.of())).isEmpty();
        SlashReply pause = slash(otherAdmin, "tasks pause", Map.of("task", homeTask));
        assertThat(description(pause)).startsWith("unknown task '" + homeTask + "'");
        assertThat(active(homeTask)).isTrue();
        assertThat(lastAudit()).containsEntry("actor", "discord:21").containsEntry("action", "refused");
    }

    @Test
    void a_plain_member_is_refused_and_the_refusal_is_audited() {
        SlashReply list = slash(member, "tasks list", Map.of());
        assertThat(title(list)).isEqualTo("Not allowed");
        assertThat(description(list)).contains("Manage Server");
        SlashReply create = slash(member, "tasks create", Map.of("type", PENDING));
        assertThat(title(create)).isEqualTo("Not allowed");
        assertThat(slash(member, "tasks pause", Map.of("task", SCORES)).ephemeral()).isTrue();
        assertThat(active(SCORES)).isTrue();
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("refused").and(AUDIT_LOG.ACTOR.eq("discord:13"))))
                .isEqualTo(3);
        assertThat(dsl.fetchCount(TASK_SETTING, TASK_SETTING.GUILD_ID.isNotNull())).isZero();
    }

    @Test
    void autocomplete_offers_the_tasks_the_caller_may_manage_and_the_keys_of_the_chosen_tasks_type() {
        slash(admin, "tasks create", Map.of("type", SCORES));

        assertThat(discord.autocomplete(home, operator, "tasks pause", "task", "", Map.of()))
                .containsExactly(PENDING, IN_PROGRESS, SCORES, SCORES + ".guild-" + HOME_ID);
        assertThat(discord.autocomplete(home, operator, "tasks pause", "task", "timeout", Map.of()))
                .containsExactly(PENDING, IN_PROGRESS);
        assertThat(discord.autocomplete(home, admin, "tasks pause", "task", "", Map.of()))
                .containsExactly(SCORES + ".guild-" + HOME_ID);
        assertThat(discord.autocomplete(home, operator, "tasks configure", "key", "", Map.of("task", PENDING)))
                .containsExactly("warning_minutes", "timeout_minutes");
        assertThat(discord.autocomplete(home, operator, "tasks configure", "key", "", Map.of("task", IN_PROGRESS)))
                .containsExactly("max_hours");
        assertThat(discord.autocomplete(home, member, "tasks pause", "task", "", Map.of())).isEmpty();
    }

    @Test
    void acknowledges_within_three_seconds_when_the_database_is_slow() {
        slash(operator, "tasks list", Map.of()); // warm up
        // Another session holds the task's row for 4 s: the pause must wait for it, the acknowledgement must not.
        CompletableFuture<Void> slowDatabase = CompletableFuture.runAsync(() -> dsl.transaction(tx -> {
            tx.dsl().selectFrom(TASK_SETTING).where(TASK_SETTING.ID.eq(SCORES)).forUpdate().fetch();
            tx.dsl().fetch("select pg_sleep(4)");
        }));
        await().atMost(Duration.ofSeconds(5)).until(() -> dsl.fetchCount(dsl.select().from("pg_locks")
                .where("locktype = 'transactionid' or mode = 'RowShareLock'")) > 0);

        SlashReply paused = slash(operator, "tasks pause", Map.of("task", SCORES));

        assertThat(paused.ackAfter()).isLessThan(Duration.ofSeconds(3));
        assertThat(title(paused)).isEqualTo("Paused " + SCORES);
        slowDatabase.join();
    }

    @Test
    void unchanged_command_definitions_are_not_uploaded_again_on_the_next_start() {
        int writes = discord.commandWrites();
        Map<String, String> again = new HashMap<>(env);
        again.put("DASHBOARD_PORT", Integer.toString(BotAgainstFakeDiscord.freePort()));
        bot.close();
        bot = BotContext.forBot(BotSettings.fromEnvironment(again, null), discord::configure);
        await().atMost(Duration.ofSeconds(20)).until(() -> discord.requests("GET",
                "applications/\\d+/guilds/" + OTHER_ID + "/commands").size() >= 2);
        assertThat(discord.commandWrites()).isEqualTo(writes);
        assertThat(slash(operator, "tasks list", Map.of()).ephemeral()).isTrue();
    }

    @Test
    void a_rejected_token_stops_the_bot_with_a_clear_message() {
        FakeDiscord rejecting = FakeDiscord.start();
        try {
            rejecting.rejectToken();
            Map<String, String> badToken = new HashMap<>(env);
            badToken.put("DASHBOARD_PORT", Integer.toString(BotAgainstFakeDiscord.freePort()));
            assertThatThrownBy(() -> BotContext.forBot(BotSettings.fromEnvironment(badToken, null),
                    rejecting::configure).close())
                    .rootCause().hasMessageContaining("invalid");
            assertThatThrownBy(() -> BotContext.forBot(BotSettings.fromEnvironment(badToken, null),
                    rejecting::configure).close())
                    .hasStackTraceContaining("Discord rejected DISCORD_TOKEN");
        } finally {
            rejecting.close();
        }
    }

    @Test
    void the_list_shows_a_stuck_notification_backlog_the_bots_to_an_operator_and_a_servers_own_to_its_admin() {
        Instant now = Instant.now();
        // waiting for a retry an hour from now: pending, and left alone by any dispatcher meanwhile
        stuckNotification(HOME_ID, now.minus(Duration.ofMinutes(5)).minusSeconds(5));
        stuckNotification(OTHER_ID, now.minus(Duration.ofMinutes(9)).minusSeconds(5));
        stuckNotification(OTHER_ID, now.minusSeconds(10));

        assertThat(description(slash(operator, "tasks list", Map.of())))
                .isEqualTo("⚠️ Notification backlog: 3 pending, oldest 9 min");
        assertThat(description(slash(admin, "tasks list", Map.of())))
                .isEqualTo("⚠️ Notification backlog: 1 pending, oldest 5 min\n"
                        + "No task you may manage. Create this server's own with `/tasks create`.");
        assertThat(description(slash(otherAdmin, "tasks list", Map.of())))
                .isEqualTo("⚠️ Notification backlog: 2 pending, oldest 9 min\n"
                        + "No task you may manage. Create this server's own with `/tasks create`.");

        dsl.update(NOTIFICATION).set(NOTIFICATION.STATUS, NotificationStatus.sent).execute();
        assertThat(embed(slash(operator, "tasks list", Map.of()))).doesNotContainKey("description");
    }

    /** A pending notification of a race in that Discord guild, written at {@code createdAt}. */
    private void stuckNotification(long discordGuildId, Instant createdAt) {
        long guild = dsl.insertInto(GUILD, GUILD.DISCORD_GUILD_ID, GUILD.NAME).values(discordGuildId, "g")
                .onConflict(GUILD.DISCORD_GUILD_ID).doUpdate().set(GUILD.NAME, "g")
                .returningResult(GUILD.ID).fetchSingle().value1();
        String name = "t" + System.nanoTime();
        long tournament = dsl.insertInto(TOURNAMENT, TOURNAMENT.GUILD_ID, TOURNAMENT.NAME).values(guild, name)
                .returningResult(TOURNAMENT.ID).fetchSingle().value1();
        long pool = dsl.insertInto(POOL, POOL.TOURNAMENT_ID, POOL.NAME, POOL.POSITION).values(tournament, "p", 1)
                .returningResult(POOL.ID).fetchSingle().value1();
        long permalink = dsl.insertInto(PERMALINK, PERMALINK.POOL_ID, PERMALINK.URL).values(pool, "https://x/" + name)
                .returningResult(PERMALINK.ID).fetchSingle().value1();
        long racer = dsl.insertInto(RACER, RACER.DISCORD_USER_ID, RACER.NAME).values(System.nanoTime(), "r")
                .returningResult(RACER.ID).fetchSingle().value1();
        long race = dsl.insertInto(RACE, RACE.TOURNAMENT_ID, RACE.PERMALINK_ID, RACE.RACER_ID)
                .values(tournament, permalink, racer).returningResult(RACE.ID).fetchSingle().value1();
        dsl.insertInto(NOTIFICATION, NOTIFICATION.RACE_ID, NOTIFICATION.KIND, NOTIFICATION.CREATED_AT,
                        NOTIFICATION.NEXT_ATTEMPT_AT)
                .values(race, "timeout_warning", createdAt.atOffset(ZoneOffset.UTC),
                        Instant.now().plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC))
                .execute();
    }

    private SlashReply slash(FakeMember who, String command, Map<String, Object> options) {
        FakeGuild guild = who == otherAdmin ? other : home;
        return discord.slash(guild, who, command, options);
    }

    private static Map<String, Object> embed(SlashReply reply) {
        assertThat(reply.embeds()).as("reply %s", reply).hasSize(1);
        return reply.embeds().get(0);
    }

    private static String title(SlashReply reply) {
        return String.valueOf(embed(reply).get("title"));
    }

    private static String description(SlashReply reply) {
        return String.valueOf(embed(reply).get("description"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fields(SlashReply reply) {
        Object fields = embed(reply).get("fields");
        return fields == null ? List.of() : (List<Map<String, Object>>) fields;
    }

    private static List<String> fieldNames(SlashReply reply) {
        return fields(reply).stream().map(f -> String.valueOf(f.get("name"))).toList();
    }

    private static String fieldValue(SlashReply reply, String name) {
        return fields(reply).stream().filter(f -> name.equals(f.get("name"))).map(f -> String.valueOf(f.get("value")))
                .findFirst().orElseThrow(() -> new AssertionError("no field " + name + " in " + reply));
    }

    private boolean active(String taskId) {
        return bot.getBean(TaskControlService.class).get(taskId).task().active();
    }

    private Map<String, Object> lastAudit() {
        return dsl.select(AUDIT_LOG.ACTOR, AUDIT_LOG.ACTION).from(AUDIT_LOG).orderBy(AUDIT_LOG.ID.desc()).limit(1)
                .fetchSingle().intoMap();
    }

    private String settings() {
        return dsl.selectFrom(TASK_SETTING).orderBy(TASK_SETTING.ID).fetch().formatCSV();
    }
}
