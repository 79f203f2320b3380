package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.fake.Failure;
import io.asynctournament.bot.discord.fake.FakeAttachment;
import io.asynctournament.bot.discord.fake.FakeChannel;
import io.asynctournament.bot.discord.fake.FakeDiscord;
import io.asynctournament.bot.discord.fake.FakeGuild;
import io.asynctournament.bot.discord.fake.FakeMember;
import io.asynctournament.bot.discord.fake.FakeRole;
import io.asynctournament.bot.discord.fake.SlashReply;
import io.asynctournament.bot.testing.BotAgainstFakeDiscord;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.control.TaskControlService;
import net.dv8tion.jda.api.Permission;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.asynctournament.db.generated.Tables.AUDIT_LOG;
import static io.asynctournament.db.generated.Tables.GUILD;
import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static io.asynctournament.db.generated.Tables.TOURNAMENT_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /async} admin subcommands end to end: the real bot (Spring, JDA, PostgreSQL) against the fake Discord.
 * Guild HOME: a server admin (Manage Server), a plain member, a helper who gets the {@code organizers} role during a
 * test; the bot has its invite permissions (not Administrator), and in {@code #locked} it is denied Create Private
 * Threads and Manage Threads. Guild OTHER has its own admin. Every reply is deferred and ephemeral; every refusal is
 * answered with the service's message and leaves the tournament tables and the audit log as they were.
 */
class AsyncAdminCommandTest {
    static final long HOME_ID = 8001;
    static final long OTHER_ID = 8002;
    static final long RACES = 8101;
    static final long LOCKED = 8102;

    static FakeDiscord discord;
    static FakeGuild home;
    static FakeGuild other;
    static FakeChannel races;
    static FakeChannel locked;
    static FakeChannel otherChannel;
    static FakeMember admin;
    static FakeMember member;
    static FakeMember helper;
    static FakeMember deputy;
    static FakeMember otherAdmin;
    static FakeRole organizers;
    static FakeRole racers;
    static AnnotationConfigApplicationContext bot;
    static BotAgainstFakeDiscord running;

    private final DSLContext dsl = TestDatabase.get().dsl();

    @BeforeAll
    static void startDiscordAndTheBot() {
        running = BotAgainstFakeDiscord.builder()
                .discord(fake -> {
                    home = fake.guild(HOME_ID, "Async Club");
                    home.botPermissions(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
                            Permission.MESSAGE_SEND_IN_THREADS, Permission.CREATE_PRIVATE_THREADS,
                            Permission.MANAGE_THREADS, Permission.MESSAGE_EMBED_LINKS, Permission.MESSAGE_HISTORY);
                    races = home.textChannel(RACES, "races");
                    locked = home.textChannel(LOCKED, "locked").denyBot(Permission.CREATE_PRIVATE_THREADS,
                            Permission.MANAGE_THREADS);
                    admin = home.member(41, "admin", Permission.MANAGE_SERVER);
                    member = home.member(42, "member");
                    helper = home.member(43, "helper");
                    organizers = home.role(8201, "organizers");
                    racers = home.role(8202, "racers");
                    deputy = home.member(44, "deputy").addRole(organizers);
                    other = fake.guild(OTHER_ID, "Other Club");
                    otherChannel = other.textChannel(8103, "general");
                    otherAdmin = other.member(51, "other-admin", Permission.MANAGE_SERVER);
                })
                .env("DASHBOARD_PASSWORD", "async-test-password")
                .waitForCommand(HOME_ID, "async").waitForCommand(OTHER_ID, "async").start();
        discord = running.discord();
        bot = running.bot();
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @BeforeEach
    void freshDatabase() {
        TestDatabase.clear();
        bot.getBean(TaskControlService.class).reconcile(true);
    }

    @Test
    void registers_async_for_every_member_in_guilds_with_its_subcommands_and_groups() {
        Map<String, Object> async = command(HOME_ID);
        assertThat(async.get("default_member_permissions")).isNull();
        assertThat(async.get("contexts")).isEqualTo(List.of(0));
        Map<String, Integer> types = new LinkedHashMap<>();
        options(async).forEach(o -> types.put(String.valueOf(o.get("name")), ((Number) o.get("type")).intValue()));
        assertThat(types).containsExactly(Map.entry("create", 1), Map.entry("info", 1), Map.entry("settings", 1),
                Map.entry("post", 1), Map.entry("close", 1), Map.entry("open", 1), Map.entry("review", 1),
                Map.entry("reattempt", 1), Map.entry("reattempt-set", 1), Map.entry("update-run", 1),
                Map.entry("extend", 1), Map.entry("calculate-scores", 1), Map.entry("audit", 1),
                Map.entry("leaderboard", 1), Map.entry("live-leaderboard", 1), Map.entry("my-runs", 1),
                Map.entry("notifications", 1), Map.entry("pool", 2),
                Map.entry("permalink", 2), Map.entry("permalinks", 2), Map.entry("admins", 2));
        assertThat(names(option(async, "admins"))).containsExactly("add", "remove");
        assertThat(names(option(async, "permalinks"))).containsExactly("import");

        Map<String, Object> create = option(async, "create");
        assertThat(option(create, "name").get("max_length")).isEqualTo(100);
        assertThat(option(create, "channel").get("channel_types")).isEqualTo(List.of(0));
        Map<String, Object> poolAdd = option(option(async, "pool"), "add");
        assertThat(option(poolAdd, "tournament")).containsEntry("max_length", 100).containsEntry("autocomplete", true);
        assertThat(option(poolAdd, "name").get("max_length")).isEqualTo(100);
        Map<String, Object> permalinkAdd = option(option(async, "permalink"), "add");
        assertThat(option(permalinkAdd, "pool")).containsEntry("max_length", 100).containsEntry("autocomplete", true);
        assertThat(option(option(option(async, "permalinks"), "import"), "file").get("type")).isEqualTo(11);
    }

    @Test
    void a_server_admin_sets_up_a_tournament_from_nothing_to_a_posted_start_message() {
        SlashReply created = slash(admin, "async create", Map.of("name", "Spring Cup", "channel", races,
                "runs_per_pool", 2, "max_reattempts", 1, "hide_results", true, "min_account_age_days", 30,
                "racer_role", racers));
        assertThat(title(created)).isEqualTo("Created Spring Cup");
        assertThat(description(created)).contains("<#" + RACES + ">", "/async pool add", "/async post")
                .doesNotContain("Warning");
        assertThat(dsl.selectFrom(TOURNAMENT).fetchSingle()).satisfies(t -> {
            assertThat(t.getName()).isEqualTo("Spring Cup");
            assertThat(t.getActive()).isTrue();
            assertThat(t.getChannelId()).isEqualTo(RACES);
            assertThat(t.getRunsPerPool()).isEqualTo(2);
            assertThat(t.getMaxReattempts()).isEqualTo(1);
            assertThat(t.getHideResults()).isTrue();
            assertThat(t.getMinAccountAgeDays()).isEqualTo(30);
            assertThat(t.getRacerRoleId()).isEqualTo(racers.id());
        });
        assertThat(dsl.select(GUILD.DISCORD_GUILD_ID, GUILD.NAME).from(GUILD).fetchSingle().intoArray())
                .containsExactly(HOME_ID, "Async Club");

        assertThat(title(slash(admin, "async pool add", Map.of("tournament", "Spring Cup", "name", "Any%"))))
                .isEqualTo("Added pool Any% to Spring Cup");
        slash(admin, "async pool add", Map.of("tournament", "Spring Cup", "name", "100%"));
        SlashReply permalink = slash(admin, "async permalink add", Map.of("tournament", "Spring Cup", "pool", "Any%",
                "url", "https://example.org/seed/1", "notes", "flags: standard"));
        assertThat(title(permalink)).isEqualTo("Added a permalink to Any%");
        assertThat(dsl.select(PERMALINK.URL, PERMALINK.NOTES).from(PERMALINK).fetchSingle().intoArray())
                .containsExactly("https://example.org/seed/1", "flags: standard");

        SlashReply info = slash(admin, "async info", Map.of("tournament", "Spring Cup"));
        assertThat(title(info)).isEqualTo("Spring Cup");
        assertThat(description(info)).contains("**Open**", "<#" + RACES + ">", "not posted yet");
        assertThat(fieldValue(info, "Pools (2)")).isEqualTo("**Any%**: 1 permalink(s)\n**100%**: 0 permalink(s)");
        assertThat(fieldValue(info, "Racer role")).isEqualTo("<@&" + racers.id() + ">");
        assertThat(fieldValue(info, "Min account age")).isEqualTo("30 day(s)");
        assertThat(fieldValue(info, "timeout_minutes")).isEqualTo("20 minute(s)\nfrom: default");

        List<Object> before = discord.messages(RACES).stream().map(m -> m.get("id")).toList();
        SlashReply posted = slash(admin, "async post", Map.of("tournament", "Spring Cup"));
        assertThat(title(posted)).isEqualTo("Posted the start message of Spring Cup");
        List<Map<String, Object>> messages = discord.messages(RACES).stream()
                .filter(m -> !before.contains(m.get("id"))).toList();
        assertThat(messages).hasSize(1);
        long tournamentId = dsl.select(TOURNAMENT.ID).from(TOURNAMENT).fetchSingle().value1();
        assertThat(customIds(messages.get(0))).containsExactly("race:start:" + tournamentId);
        assertThat(String.valueOf(((Map<?, ?>) ((List<?>) messages.get(0).get("embeds")).get(0)).get("title")))
                .isEqualTo("Spring Cup");
        long messageId = Long.parseLong(String.valueOf(messages.get(0).get("id")));
        assertThat(dsl.select(TOURNAMENT.START_MESSAGE_ID).from(TOURNAMENT).fetchSingle().value1())
                .isEqualTo(messageId);
        assertThat(description(posted)).contains("https://discord.com/channels/" + HOME_ID + "/" + RACES + "/"
                + messageId);
        assertThat(dsl.select(AUDIT_LOG.ACTION).from(AUDIT_LOG).orderBy(AUDIT_LOG.ID).fetch(AUDIT_LOG.ACTION))
                .containsExactly("tournament_create", "pool_add", "pool_add", "permalink_add", "tournament_post");
        assertThat(dsl.selectDistinct(AUDIT_LOG.ACTOR).from(AUDIT_LOG).fetch(AUDIT_LOG.ACTOR))
                .containsExactly("discord:41");
    }

    @Test
    void posting_again_replaces_the_start_message_even_when_the_old_one_was_deleted_by_hand() {
        createSpringCup();
        slash(admin, "async post", Map.of("tournament", "Spring Cup"));
        long first = startMessageId();

        SlashReply second = slash(admin, "async post", Map.of("tournament", "Spring Cup"));
        assertThat(description(second)).contains("It replaces the previous one, which was deleted.");
        assertThat(discord.requests("DELETE", "channels/" + RACES + "/messages/" + first)).hasSize(1);
        long secondId = startMessageId();
        assertThat(discord.messages(RACES)).extracting(m -> m.get("id")).contains(Long.toString(secondId))
                .doesNotContain(Long.toString(first));

        assertThat(discord.deleteMessageByHand(RACES, secondId)).isTrue();
        SlashReply third = slash(admin, "async post", Map.of("tournament", "Spring Cup"));
        assertThat(title(third)).isEqualTo("Posted the start message of Spring Cup");
        assertThat(description(third)).contains("The previous one was already gone.");
        assertThat(discord.messages(RACES)).extracting(m -> m.get("id"))
                .contains(Long.toString(startMessageId())).doesNotContain(Long.toString(secondId));
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("tournament_post"))).isEqualTo(3);
    }

    @Test
    void post_refuses_naming_the_permissions_the_bot_lacks_in_the_channel_and_posts_nothing() {
        SlashReply created = slash(admin, "async create", Map.of("name", "Locked Cup", "channel", locked,
                "runs_per_pool", 1, "max_reattempts", 0));
        assertThat(description(created)).endsWith("**Warning:** The bot lacks Create Private Threads, Manage Threads "
                + "in <#" + LOCKED + ">. It needs View Channels, Send Messages, Create Private Threads, Send Messages "
                + "in Threads, Manage Threads, Embed Links there: give them to its role in the channel's (or the "
                + "server's) permissions before `/async post`.");
        int posts = discord.requests("POST", "channels/" + LOCKED + "/messages").size();

        SlashReply refused = unchanged(() -> slash(admin, "async post", Map.of("tournament", "Locked Cup")));

        assertThat(title(refused)).isEqualTo("Not allowed");
        assertThat(description(refused)).startsWith("The bot lacks Create Private Threads, Manage Threads in <#"
                + LOCKED + ">. It needs View Channels, Send Messages, Create Private Threads, Send Messages in "
                + "Threads, Manage Threads, Embed Links there");
        assertThat(discord.requests("POST", "channels/" + LOCKED + "/messages")).hasSize(posts);
        assertThat(discord.messages(LOCKED)).isEmpty();
    }

    @Test
    void a_start_message_discord_refuses_is_answered_and_recorded_nowhere_and_an_old_one_it_cannot_delete_is_named() {
        createSpringCup();
        discord.failNext("POST", "channels/" + RACES + "/messages", Failure.missingPermissions());
        SlashReply refused = unchanged(() -> slash(admin, "async post", Map.of("tournament", "Spring Cup")));
        assertThat(title(refused)).isEqualTo("Not allowed");
        assertThat(description(refused)).startsWith("Discord refused the message in <#" + RACES + ">: ");

        slash(admin, "async post", Map.of("tournament", "Spring Cup"));
        long first = startMessageId();
        discord.failNext("DELETE", "channels/" + RACES + "/messages/\\d+", Failure.serverError());
        SlashReply second = slash(admin, "async post", Map.of("tournament", "Spring Cup"));
        assertThat(title(second)).isEqualTo("Posted the start message of Spring Cup");
        assertThat(description(second)).contains("The previous one (" + first + ") could not be deleted: delete it "
                + "by hand.");
        assertThat(startMessageId()).isNotEqualTo(first);
    }

    @Test
    void settings_show_each_value_with_its_source_set_overrides_and_reset_them() {
        createSpringCup();
        SlashReply shown = unchanged(() -> slash(admin, "async settings", Map.of("tournament", "Spring Cup")));
        assertThat(title(shown)).isEqualTo("Settings of Spring Cup");
        assertThat(fieldValue(shown, "warning_minutes")).isEqualTo("10 minute(s)\nfrom: default");
        assertThat(fieldValue(shown, "max_hours")).isEqualTo("12 hour(s)\nfrom: default");

        SlashReply set = slash(admin, "async settings", Map.of("tournament", "Spring Cup", "timeout_minutes", 30,
                "max_hours", 6));
        assertThat(title(set)).isEqualTo("Changed the settings of Spring Cup");
        assertThat(fieldValue(set, "timeout_minutes")).isEqualTo("30 minute(s)\nfrom: tournament");
        assertThat(fieldValue(set, "max_hours")).isEqualTo("6 hour(s)\nfrom: tournament");
        assertThat(fieldValue(set, "warning_minutes")).isEqualTo("10 minute(s)\nfrom: default");
        assertThat(dsl.select(TOURNAMENT.TIMEOUT_MINUTES, TOURNAMENT.MAX_HOURS, TOURNAMENT.WARNING_MINUTES)
                .from(TOURNAMENT).fetchSingle().intoArray()).containsExactly(30, 6, null);

        SlashReply reset = slash(admin, "async settings", Map.of("tournament", "Spring Cup", "reset", true,
                "warning_minutes", 5));
        assertThat(description(reset)).startsWith("Its own values were reset first.");
        assertThat(fieldValue(reset, "warning_minutes")).isEqualTo("5 minute(s)\nfrom: tournament");
        assertThat(fieldValue(reset, "timeout_minutes")).isEqualTo("20 minute(s)\nfrom: default");
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("tournament_settings"))).isEqualTo(2);
    }

    @Test
    void bad_settings_are_refused_as_the_task_config_refuses_them_and_change_nothing() {
        createSpringCup();
        assertThat(description(unchanged(() -> slash(admin, "async settings", Map.of("tournament", "Spring Cup",
                "warning_minutes", 25))))).isEqualTo("warning_minutes (25) must be below timeout_minutes (20)");
        assertThat(description(unchanged(() -> slash(admin, "async settings", Map.of("tournament", "Spring Cup",
                "max_hours", 500))))).isEqualTo("max_hours must be from 1 to 168, got 500");
        assertThat(description(unchanged(() -> slash(admin, "async settings", Map.of("tournament", "Spring Cup",
                "timeout_minutes", 0))))).contains("timeout_minutes must be from 1 to 10080, got 0");
    }

    @Test
    void close_and_open_toggle_new_runs_and_doing_either_twice_is_a_conflict() {
        createSpringCup();
        assertThat(title(slash(admin, "async close", Map.of("tournament", "Spring Cup")))).isEqualTo("Closed Spring Cup");
        assertThat(dsl.select(TOURNAMENT.ACTIVE).from(TOURNAMENT).fetchSingle().value1()).isFalse();
        SlashReply again = unchanged(() -> slash(admin, "async close", Map.of("tournament", "Spring Cup")));
        assertThat(title(again)).isEqualTo("Cannot do that");
        assertThat(description(again)).isEqualTo("Spring Cup is already closed.");

        assertThat(title(slash(admin, "async open", Map.of("tournament", "Spring Cup")))).isEqualTo("Opened Spring Cup");
        assertThat(dsl.select(TOURNAMENT.ACTIVE).from(TOURNAMENT).fetchSingle().value1()).isTrue();
        assertThat(description(unchanged(() -> slash(admin, "async open", Map.of("tournament", "Spring Cup")))))
                .isEqualTo("Spring Cup is already open.");
    }

    @Test
    void a_role_grant_lets_a_member_who_gets_the_role_later_run_the_tournament_until_it_is_removed() {
        createSpringCup();
        assertThat(title(slash(admin, "async admins add", Map.of("tournament", "Spring Cup", "level", "admin",
                "role", organizers)))).isEqualTo("Granted admin on Spring Cup");
        assertThat(title(unchanged(() -> slash(helper, "async pool add", Map.of("tournament", "Spring Cup",
                "name", "Any%"))))).isEqualTo("Not allowed");

        helper.addRole(organizers);
        assertThat(title(slash(helper, "async pool add", Map.of("tournament", "Spring Cup", "name", "Any%"))))
                .isEqualTo("Added pool Any% to Spring Cup");
        assertThat(title(slash(helper, "async settings", Map.of("tournament", "Spring Cup", "max_hours", 4))))
                .isEqualTo("Changed the settings of Spring Cup");
        assertThat(fieldValue(slash(helper, "async info", Map.of("tournament", "Spring Cup")),
                "Admins and reviewers")).isEqualTo("<@&" + organizers.id() + ">: admin");
        assertThat(dsl.select(AUDIT_LOG.ACTOR).from(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq("pool_add")).fetchSingle()
                .value1()).isEqualTo("discord:43");
        SlashReply create = unchanged(() -> slash(helper, "async create", Map.of("name", "Helper Cup", "channel",
                races, "runs_per_pool", 1, "max_reattempts", 0)));
        assertThat(description(create)).isEqualTo("To create a tournament you need the Manage Server permission.");

        assertThat(title(slash(admin, "async admins remove", Map.of("tournament", "Spring Cup", "role",
                organizers)))).isEqualTo("Removed a grant on Spring Cup");
        assertThat(title(unchanged(() -> slash(helper, "async close", Map.of("tournament", "Spring Cup")))))
                .isEqualTo("Not allowed");
    }

    @Test
    void a_tournament_admin_by_role_grant_runs_every_admin_subcommand_but_create() {
        createSpringCup();
        slash(admin, "async admins add", Map.of("tournament", "Spring Cup", "level", "admin", "role", organizers));
        Map<String, Map<String, Object>> calls = new LinkedHashMap<>();
        calls.put("async pool add", Map.of("tournament", "Spring Cup", "name", "Any%"));
        calls.put("async permalink add", Map.of("tournament", "Spring Cup", "pool", "Any%", "url",
                "https://example.org/1"));
        calls.put("async permalinks import", Map.of("tournament", "Spring Cup", "file",
                csv("pool,url\nAny%,https://example.org/2\n")));
        calls.put("async settings", Map.of("tournament", "Spring Cup", "max_hours", 3));
        calls.put("async post", Map.of("tournament", "Spring Cup"));
        calls.put("async close", Map.of("tournament", "Spring Cup"));
        calls.put("async open", Map.of("tournament", "Spring Cup"));
        calls.put("async admins add", Map.of("tournament", "Spring Cup", "level", "reviewer", "user", member));
        calls.put("async admins remove", Map.of("tournament", "Spring Cup", "user", member));
        calls.put("async info", Map.of("tournament", "Spring Cup"));

        calls.forEach((command, options) -> assertThat(embed(slash(deputy, command, options)).get("color"))
                .as(command).isEqualTo(TournamentEmbeds.DONE.getRGB() & 0xFFFFFF));

        assertThat(dsl.select(AUDIT_LOG.ACTION).from(AUDIT_LOG).where(AUDIT_LOG.ACTOR.eq("discord:44"))
                .orderBy(AUDIT_LOG.ID).fetch(AUDIT_LOG.ACTION)).containsExactly("pool_add", "permalink_add",
                "permalinks_import", "tournament_settings", "tournament_post", "tournament_close", "tournament_open",
                "tournament_grant", "tournament_revoke");
        assertThat(title(unchanged(() -> slash(deputy, "async create", Map.of("name", "Deputy Cup", "channel", races,
                "runs_per_pool", 1, "max_reattempts", 0))))).isEqualTo("Not allowed");
    }

    @Test
    void a_user_grant_of_reviewer_does_not_let_them_run_the_tournament_and_admin_does() {
        createSpringCup();
        slash(admin, "async admins add", Map.of("tournament", "Spring Cup", "level", "reviewer", "user", member));
        assertThat(title(unchanged(() -> slash(member, "async close", Map.of("tournament", "Spring Cup")))))
                .isEqualTo("Not allowed");
        assertThat(description(slash(admin, "async admins add", Map.of("tournament", "Spring Cup", "level", "admin",
                "user", member)))).isEqualTo("<@42> is now admin of Spring Cup.");
        assertThat(title(slash(member, "async close", Map.of("tournament", "Spring Cup"))))
                .isEqualTo("Closed Spring Cup");
        assertThat(dsl.select(TOURNAMENT_ADMIN.DISCORD_USER_ID, TOURNAMENT_ADMIN.LEVEL).from(TOURNAMENT_ADMIN)
                .fetchSingle().intoArray()).containsExactly(42L, io.asynctournament.db.generated.enums
                .TournamentAdminLevel.admin);
    }

    @Test
    void a_member_without_permission_is_refused_every_subcommand_and_nothing_changes() {
        createSpringCup();
        slash(admin, "async pool add", Map.of("tournament", "Spring Cup", "name", "Any%"));
        FakeAttachment csv = csv("pool,url\nAny%,https://example.org/2\n");
        String needs = "Running Spring Cup needs Manage Server or the tournament's admin grant (/async admins add).";
        Map<String, Map<String, Object>> calls = new LinkedHashMap<>();
        calls.put("async info", Map.of("tournament", "Spring Cup"));
        calls.put("async pool add", Map.of("tournament", "Spring Cup", "name", "100%"));
        calls.put("async permalink add", Map.of("tournament", "Spring Cup", "pool", "Any%", "url",
                "https://example.org/1"));
        calls.put("async permalinks import", Map.of("tournament", "Spring Cup", "file", csv));
        calls.put("async settings", Map.of("tournament", "Spring Cup", "max_hours", 3));
        calls.put("async post", Map.of("tournament", "Spring Cup"));
        calls.put("async close", Map.of("tournament", "Spring Cup"));
        calls.put("async admins add", Map.of("tournament", "Spring Cup", "level", "admin", "user", member));
        calls.put("async admins remove", Map.of("tournament", "Spring Cup", "user", member));
        int downloads = discord.attachmentDownloads();
        int posts = discord.requests("POST", "channels/\\d+/messages").size();

        calls.forEach((command, options) -> {
            SlashReply refused = unchanged(() -> slash(member, command, options));
            assertThat(title(refused)).as(command).isEqualTo("Not allowed");
            assertThat(description(refused)).as(command).isEqualTo(needs);
        });
        assertThat(description(unchanged(() -> slash(member, "async create", Map.of("name", "Mine", "channel", races,
                "runs_per_pool", 1, "max_reattempts", 0))))).isEqualTo("To create a tournament you need the Manage "
                + "Server permission.");
        assertThat(discord.attachmentDownloads()).isEqualTo(downloads);
        assertThat(discord.requests("POST", "channels/\\d+/messages")).hasSize(posts);
    }

    @Test
    void an_unknown_tournament_is_answered_with_this_servers_tournaments_and_another_servers_are_not_seen() {
        createSpringCup();
        slash(otherAdmin, "async create", Map.of("name", "Other Cup", "channel", otherChannel, "runs_per_pool", 1,
                "max_reattempts", 0));

        SlashReply unknown = unchanged(() -> slash(admin, "async close", Map.of("tournament", "Other Cup")));
        assertThat(title(unknown)).isEqualTo("Cannot do that");
        assertThat(description(unknown)).isEqualTo("This server has no tournament named 'Other Cup'; it has: Spring "
                + "Cup");
        assertThat(embed(unknown).get("footer").toString()).contains("Not found: nothing was changed.");
        assertThat(discord.autocomplete(other, otherAdmin, "async close", "tournament", "", Map.of()))
                .containsExactly("Other Cup");
    }

    @Test
    void bad_values_and_duplicate_names_are_refused_with_what_is_accepted_and_change_nothing() {
        createSpringCup();
        slash(admin, "async pool add", Map.of("tournament", "Spring Cup", "name", "Any%"));
        slash(admin, "async permalink add", Map.of("tournament", "Spring Cup", "pool", "Any%", "url",
                "https://example.org/1"));
        Map<String, Object> create = new HashMap<>(Map.of("name", "Spring Cup", "channel", races, "runs_per_pool", 1,
                "max_reattempts", 0));

        assertThat(description(unchanged(() -> slash(admin, "async create", create))))
                .isEqualTo("This server already has a tournament named 'Spring Cup'; choose another name.");
        create.put("name", "Summer\nCup");
        assertThat(description(unchanged(() -> slash(admin, "async create", create))))
                .startsWith("the tournament name contains U+000A");
        create.put("name", "x".repeat(101));
        assertThat(description(unchanged(() -> slash(admin, "async create", create))))
                .startsWith("the tournament name has 101 characters, more than the limit of 100");
        create.put("name", "Summer Cup");
        create.put("runs_per_pool", 0);
        assertThat(description(unchanged(() -> slash(admin, "async create", create))))
                .isEqualTo("runs_per_pool must be from 1 to 100, got 0");
        create.put("runs_per_pool", 1);
        create.put("min_account_age_days", 5000);
        assertThat(description(unchanged(() -> slash(admin, "async create", create))))
                .isEqualTo("min_account_age_days must be from 0 to 3650, got 5000");

        assertThat(description(unchanged(() -> slash(admin, "async pool add", Map.of("tournament", "Spring Cup",
                "name", "Any%"))))).isEqualTo("Spring Cup already has a pool named 'Any%'.");
        assertThat(description(unchanged(() -> slash(admin, "async permalink add", Map.of("tournament", "Spring Cup",
                "pool", "Any%", "url", "https://example.org/1"))))).isEqualTo("Pool 'Any%' already has the "
                + "permalink https://example.org/1.");
        assertThat(description(unchanged(() -> slash(admin, "async permalink add", Map.of("tournament", "Spring Cup",
                "pool", "Low%", "url", "https://example.org/2"))))).startsWith("Spring Cup has no pool named "
                + "'Low%'; it has: Any%");
        assertThat(description(unchanged(() -> slash(admin, "async permalink add", Map.of("tournament", "Spring Cup",
                "pool", "Any%", "url", "ftp://example.org/2"))))).startsWith("the url must be an http(s) URL of "
                + "at most 500 characters, got 'ftp://example.org/2'");
        assertThat(description(unchanged(() -> slash(admin, "async permalink add", Map.of("tournament", "Spring Cup",
                "pool", "Any%", "url", "https://example.org/3", "notes", "n".repeat(1001))))))
                .isEqualTo("the notes have 1001 characters; at most 1000 are accepted");

        slash(admin, "async admins add", Map.of("tournament", "Spring Cup", "level", "admin", "role", organizers));
        assertThat(description(unchanged(() -> slash(admin, "async admins add", Map.of("tournament", "Spring Cup",
                "level", "admin", "role", organizers))))).isEqualTo("<@&8201> is already admin of Spring Cup.");
        assertThat(description(unchanged(() -> slash(admin, "async admins add", Map.of("tournament", "Spring Cup",
                "level", "admin", "role", organizers, "user", member)))))
                .isEqualTo("Give a role or a user, not both and not neither.");
        assertThat(description(unchanged(() -> slash(admin, "async admins add", Map.of("tournament", "Spring Cup",
                "level", "admin"))))).isEqualTo("Give a role or a user, not both and not neither.");
        assertThat(description(unchanged(() -> slash(admin, "async admins add", Map.of("tournament", "Spring Cup",
                "level", "owner", "user", member))))).isEqualTo("level must be admin or reviewer, got 'owner'");
        assertThat(description(unchanged(() -> slash(admin, "async admins remove", Map.of("tournament", "Spring Cup",
                "user", member))))).isEqualTo("<@42> has no grant on Spring Cup.");
    }

    @Test
    void permalinks_import_adds_every_line_of_a_csv_and_creates_pools_as_needed() {
        createSpringCup();
        slash(admin, "async pool add", Map.of("tournament", "Spring Cup", "name", "Any%"));
        slash(admin, "async permalink add", Map.of("tournament", "Spring Cup", "pool", "Any%", "url",
                "https://example.org/1"));
        FakeAttachment file = csv("\uFEFFpool,url,notes\r\nAny%,https://example.org/1,\r\nAny%,https://example.org/2,"
                + "\"flags: a, b\"\r\nLow%,https://example.org/3,\r\n");

        SlashReply imported = slash(admin, "async permalinks import", Map.of("tournament", "Spring Cup", "file", file));

        assertThat(title(imported)).isEqualTo("Imported seeds.csv into Spring Cup");
        assertThat(description(imported)).startsWith("3 permalink(s) read, 2 new");
        assertThat(dsl.select(POOL.NAME, PERMALINK.URL, PERMALINK.NOTES).from(PERMALINK).join(POOL)
                .on(POOL.ID.eq(PERMALINK.POOL_ID)).orderBy(PERMALINK.URL).fetch().map(r -> r.intoList().toString()))
                .containsExactly("[Any%, https://example.org/1, null]", "[Any%, https://example.org/2, flags: a, b]",
                        "[Low%, https://example.org/3, null]");
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("permalinks_import"))).isEqualTo(1);
    }

    @Test
    void a_csv_with_bad_lines_is_refused_listing_each_with_its_line_number_and_imports_nothing() {
        createSpringCup();
        StringBuilder content = new StringBuilder("pool,url,notes\nAny%,https://example.org/ok,\n");
        for (int i = 0; i < 24; i++) {
            content.append("Any%,not-a-url-").append(i).append(",\n");
        }
        content.append("Any%,https://example.org/ok,\n"); // line 27: repeats line 2
        FakeAttachment file = csv(content.toString());

        SlashReply refused = unchanged(() -> slash(admin, "async permalinks import", Map.of("tournament",
                "Spring Cup", "file", file)));

        assertThat(title(refused)).isEqualTo("Cannot do that");
        String[] lines = description(refused).split("\n");
        assertThat(lines[0]).isEqualTo("seeds.csv was not imported; nothing was changed. 25 bad line(s), the first "
                + "20 by line number:");
        assertThat(lines[1]).isEqualTo("line 3: the url must be an http(s) URL of at most 500 characters, got "
                + "'not-a-url-0'");
        assertThat(lines[20]).startsWith("line 22: ");
        assertThat(lines[21]).isEqualTo("... and 5 more bad line(s)");
        assertThat(lines).hasSize(22);

        SlashReply repeated = unchanged(() -> slash(admin, "async permalinks import", Map.of("tournament",
                "Spring Cup", "file", csv("pool,url\nAny%,https://example.org/a\nAny%,https://example.org/a\n"))));
        assertThat(description(repeated)).isEqualTo("seeds.csv was not imported; nothing was changed. 1 bad line(s):"
                + "\nline 3: the permalink https://example.org/a is already on an earlier line for pool 'Any%'");
    }

    @Test
    void a_csv_over_1_mb_not_utf8_or_without_its_header_is_refused_and_imports_nothing() {
        createSpringCup();
        int downloads = discord.attachmentDownloads();
        byte[] big = ("pool,url\n" + "Any%,https://example.org/seed\n".repeat(40_000)).getBytes(StandardCharsets.UTF_8);
        SlashReply tooBig = unchanged(() -> slash(admin, "async permalinks import", Map.of("tournament", "Spring Cup",
                "file", discord.attachment("big.csv", "text/csv", big))));
        assertThat(description(tooBig)).isEqualTo("big.csv has " + big.length + " bytes; at most 1048576 (1 MB) are "
                + "accepted: split it. Nothing was imported.");
        assertThat(discord.attachmentDownloads()).as("refused before downloading").isEqualTo(downloads);

        byte[] latin1 = "pool,url\nCaf\u00e9,https://example.org/1\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(description(unchanged(() -> slash(admin, "async permalinks import", Map.of("tournament",
                "Spring Cup", "file", discord.attachment("latin1.csv", "text/csv", latin1))))))
                .isEqualTo("latin1.csv is not UTF-8 text (save it as CSV in UTF-8); nothing was imported.");
        assertThat(description(unchanged(() -> slash(admin, "async permalinks import", Map.of("tournament",
                "Spring Cup", "file", csv("seed,link\nAny%,https://example.org/1\n"))))))
                .isEqualTo("The file's first line must name the columns pool,url[,notes]; it has [seed, link].");
        assertThat(discord.attachmentDownloads()).isEqualTo(downloads + 2);
    }

    @Test
    void autocomplete_offers_this_servers_tournaments_and_the_pools_of_the_chosen_one_to_its_admins() {
        createSpringCup();
        slash(admin, "async create", Map.of("name", "Autumn Cup", "channel", races, "runs_per_pool", 1,
                "max_reattempts", 0));
        slash(admin, "async pool add", Map.of("tournament", "Spring Cup", "name", "Any%"));
        slash(admin, "async pool add", Map.of("tournament", "Spring Cup", "name", "100%"));

        assertThat(discord.autocomplete(home, admin, "async info", "tournament", "", Map.of()))
                .containsExactly("Autumn Cup", "Spring Cup");
        assertThat(discord.autocomplete(home, member, "async settings", "tournament", "spr", Map.of()))
                .containsExactly("Spring Cup");
        assertThat(discord.autocomplete(home, admin, "async permalink add", "pool", "", Map.of("tournament",
                "Spring Cup"))).containsExactly("Any%", "100%");
        assertThat(discord.autocomplete(home, member, "async permalink add", "pool", "", Map.of("tournament",
                "Spring Cup"))).isEmpty();
        assertThat(discord.autocomplete(home, admin, "async permalink add", "pool", "", Map.of())).isEmpty();
    }

    // --- helpers ---

    private void createSpringCup() {
        assertThat(title(slash(admin, "async create", Map.of("name", "Spring Cup", "channel", races,
                "runs_per_pool", 1, "max_reattempts", 0)))).isEqualTo("Created Spring Cup");
    }

    /** Runs the call and checks that the tournament tables and the audit log are as they were before it. */
    private <T> T unchanged(Supplier<T> call) {
        String before = snapshot();
        T result = call.get();
        assertThat(snapshot()).as("the database after a refusal").isEqualTo(before);
        return result;
    }

    private String snapshot() {
        StringBuilder all = new StringBuilder();
        for (Table<?> table : List.of(GUILD, TOURNAMENT, POOL, PERMALINK, TOURNAMENT_ADMIN, AUDIT_LOG)) {
            all.append(table.getName()).append('\n')
                    .append(dsl.selectFrom(table).orderBy(table.field(0)).fetch().formatCSV()).append('\n');
        }
        return all.toString();
    }

    private long startMessageId() {
        return dsl.select(TOURNAMENT.START_MESSAGE_ID).from(TOURNAMENT).fetchSingle().value1();
    }

    private static FakeAttachment csv(String content) {
        return discord.attachment("seeds.csv", "text/csv; charset=utf-8", content.getBytes(StandardCharsets.UTF_8));
    }

    private static SlashReply slash(FakeMember who, String command, Map<String, Object> options) {
        SlashReply reply = discord.slash(who.guild() == other ? other : home, who, command, options);
        assertThat(reply.deferred()).as("deferred: %s", reply).isTrue();
        assertThat(reply.ephemeral()).as("ephemeral: %s", reply).isTrue();
        return reply;
    }

    private static Map<String, Object> command(long guildId) {
        return discord.guildCommands(guildId).stream().filter(c -> "async".equals(c.get("name"))).findFirst()
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> options(Map<String, Object> parent) {
        Object options = parent.get("options");
        return options == null ? List.of() : (List<Map<String, Object>>) options;
    }

    private static Map<String, Object> option(Map<String, Object> parent, String name) {
        return options(parent).stream().filter(o -> name.equals(o.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no option " + name + " in " + parent));
    }

    private static List<String> names(Map<String, Object> parent) {
        return options(parent).stream().map(o -> String.valueOf(o.get("name"))).toList();
    }

    private static List<String> customIds(Map<String, Object> message) {
        return ((List<?>) message.get("components")).stream()
                .flatMap(row -> ((List<?>) ((Map<?, ?>) row).get("components")).stream())
                .map(c -> String.valueOf(((Map<?, ?>) c).get("custom_id"))).toList();
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
    private static String fieldValue(SlashReply reply, String name) {
        Object fields = embed(reply).get("fields");
        return ((List<Map<String, Object>>) (fields == null ? List.of() : fields)).stream()
                .filter(f -> name.equals(f.get("name"))).map(f -> String.valueOf(f.get("value"))).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + name + " in " + reply));
    }
}
