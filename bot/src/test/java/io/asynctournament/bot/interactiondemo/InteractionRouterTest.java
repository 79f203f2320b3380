package io.asynctournament.bot.interactiondemo;

import io.asynctournament.bot.cli.CliRunner;
import io.asynctournament.bot.cli.ExitCodes;
import io.asynctournament.bot.discord.fake.ComponentReply;
import io.asynctournament.bot.discord.fake.FakeChannel;
import io.asynctournament.bot.discord.fake.FakeDiscord;
import io.asynctournament.bot.discord.fake.FakeGuild;
import io.asynctournament.bot.discord.fake.FakeMember;
import io.asynctournament.bot.discord.fake.SlashReply;
import io.asynctournament.bot.testing.BotAgainstFakeDiscord;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.tasks.ScheduleParser;
import net.dv8tion.jda.api.Permission;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.asynctournament.db.generated.Tables.AUDIT_LOG;
import static io.asynctournament.db.generated.Tables.GUILD;
import static io.asynctournament.db.generated.Tables.TASK_SETTING;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The interaction router end to end (real JDA, fake Discord, PostgreSQL): a test adds a slash command, a button and a
 * modal (one class each, {@link DemoPanelCommand}, {@link NoteButton}, {@link NoteModal}) and nothing else; the
 * router finds, acknowledges and answers them, refuses malformed, unknown and stale ids without changing anything,
 * and a refusal reads the same in the CLI and in Discord.
 */
class InteractionRouterTest {
    static final long GUILD_ID = 7001;
    static FakeDiscord discord;
    static FakeGuild guild;
    static FakeChannel channel;
    static FakeMember racer;
    static FakeMember admin;
    static AnnotationConfigApplicationContext bot;
    static BotAgainstFakeDiscord running;
    static Map<String, String> env;

    private final DSLContext dsl = TestDatabase.get().dsl();
    private long tournamentId;

    @BeforeAll
    static void start() {
        running = BotAgainstFakeDiscord.builder()
                .discord(fake -> {
                    guild = fake.guild(GUILD_ID, "Router Club");
                    channel = guild.textChannel(7101, "races");
                    racer = guild.member(31, "racer");
                    admin = guild.member(32, "admin", Permission.MANAGE_SERVER);
                })
                .env("DASHBOARD_PASSWORD", "router-test-password").env("BOT_OPERATORS", "33")
                .components(DemoPanelCommand.class, NoteButton.class, NoteModal.class)
                // the bot uploads all its commands in one request
                .waitForCommand(GUILD_ID, "demo").start();
        discord = running.discord();
        bot = running.bot();
        env = running.env();
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @BeforeEach
    void aTournament() {
        dsl.deleteFrom(AUDIT_LOG).execute();
        long guildRow = dsl.insertInto(GUILD, GUILD.DISCORD_GUILD_ID, GUILD.NAME).values(GUILD_ID, "Router Club")
                .onConflict(GUILD.DISCORD_GUILD_ID).doUpdate().set(GUILD.NAME, "Router Club")
                .returning(GUILD.ID).fetchSingle().getId();
        dsl.deleteFrom(TOURNAMENT).execute();
        tournamentId = dsl.insertInto(TOURNAMENT, TOURNAMENT.GUILD_ID, TOURNAMENT.NAME).values(guildRow, "Cup")
                .returning(TOURNAMENT.ID).fetchSingle().getId();
    }

    @Test
    void the_handlers_a_test_adds_are_registered_and_answered_without_editing_any_list() {
        assertThat(discord.guildCommands(GUILD_ID).stream().map(c -> c.get("name")).toList())
                .contains("tasks", "async", "demo");

        Map<String, Object> panel = panel();
        ComponentReply opened = discord.button(channel, racer, panel, NoteButton.id(tournamentId).encode());
        assertThat(opened.callbackType()).as("a modal is the immediate answer").isEqualTo(9);
        assertThat(opened.modal().customId()).isEqualTo("demo:note:" + tournamentId);

        ComponentReply noted = discord.modalSubmit(channel, racer, panel, opened.modal().customId(),
                Map.of(NoteModal.TEXT, "  first seed was rough  "));
        assertThat(noted.deferred()).isTrue();
        assertThat(noted.ephemeral()).isTrue();
        assertThat(noted.content()).isEqualTo("Noted: first seed was rough");
        assertThat(dsl.select(AUDIT_LOG.ACTOR, AUDIT_LOG.ACTION, AUDIT_LOG.SUBJECT).from(AUDIT_LOG).fetch()
                .map(r -> r.value1() + " " + r.value2() + " " + r.value3()))
                .containsExactly("discord:31 demo_note tournament:" + tournamentId);
    }

    @Test
    void a_malformed_an_unknown_and_a_stale_id_are_refused_and_change_nothing() {
        Map<String, Object> panel = panel();
        for (String customId : List.of(DemoPanelCommand.MALFORMED, DemoPanelCommand.UNKNOWN)) {
            ComponentReply refused = discord.button(channel, racer, panel, customId);
            assertThat(refused.callbackType()).as(customId).isEqualTo(4);
            assertThat(refused.ephemeral()).isTrue();
            assertThat(refused.embeds().get(0).get("title")).isEqualTo("This button is no longer valid");
        }
        ComponentReply unknownModal = discord.modalSubmit(channel, racer, "gone:away:1", Map.of("text", "x"));
        assertThat(unknownModal.embeds().get(0).get("title")).isEqualTo("This button is no longer valid");

        // A well-formed id naming a tournament that is gone: the modal opens (no I/O before a modal), its submit is
        // answered as stale.
        ComponentReply gone = discord.button(channel, racer, panel,
                NoteButton.id(DemoPanelCommand.GONE_TOURNAMENT).encode());
        ComponentReply staleSubmit = discord.modalSubmit(channel, racer, panel, gone.modal().customId(),
                Map.of(NoteModal.TEXT, "hello"));
        assertThat(staleSubmit.ephemeral()).isTrue();
        assertThat(staleSubmit.embeds().get(0).get("title")).isEqualTo("This button is no longer valid");
        assertThat(String.valueOf(staleSubmit.embeds().get(0).get("description")))
                .startsWith("tournament " + DemoPanelCommand.GONE_TOURNAMENT + " no longer exists");

        assertThat(dsl.fetchCount(AUDIT_LOG)).as("nothing was recorded").isZero();
    }

    @Test
    void bad_input_in_a_modal_is_answered_with_what_is_accepted_and_changes_nothing() {
        Map<String, Object> panel = panel();
        String modalId = NoteModal.id(tournamentId).encode();
        ComponentReply tooLong = discord.modalSubmit(channel, racer, panel, modalId,
                Map.of(NoteModal.TEXT, "x".repeat(150)));
        assertThat(tooLong.embeds().get(0)).containsEntry("title", "Cannot do that")
                .containsEntry("description", "the note has 150 characters; accepted: at most 100");
        assertThat(String.valueOf(tooLong.embeds().get(0).get("footer"))).contains("Bad input: nothing was changed.");
        ComponentReply blank = discord.modalSubmit(channel, racer, panel, modalId, Map.of(NoteModal.TEXT, "   "));
        assertThat(blank.embeds().get(0)).containsEntry("description", "the note is required");
        assertThat(dsl.fetchCount(AUDIT_LOG)).isZero();
    }

    @Test
    void a_modal_is_acknowledged_within_three_seconds_while_the_database_is_locked() {
        Map<String, Object> panel = panel();
        CompletableFuture<Void> locked = CompletableFuture.runAsync(() -> dsl.transaction(tx -> {
            tx.dsl().execute("lock table audit_log in access exclusive mode");
            tx.dsl().fetch("select pg_sleep(4)");
        }));
        await().atMost(Duration.ofSeconds(5)).until(() -> dsl.fetchCount(dsl.select().from("pg_locks")
                .where("mode = 'AccessExclusiveLock' and relation = 'audit_log'::regclass")) > 0);

        ComponentReply noted = discord.answerTimeout(Duration.ofSeconds(15)).modalSubmit(channel, racer, panel,
                NoteModal.id(tournamentId).encode(), Map.of(NoteModal.TEXT, "waited"));

        assertThat(noted.ackAfter()).isLessThan(Duration.ofSeconds(3));
        assertThat(noted.content()).isEqualTo("Noted: waited");
        locked.join();
        discord.answerTimeout(FakeDiscord.ANSWER_TIMEOUT);
    }

    @Test
    void a_bug_in_a_handler_is_logged_and_answered_with_a_generic_message_and_its_reference() {
        ComponentReply failed = discord.modalSubmit(channel, racer, panel(), NoteModal.id(tournamentId).encode(),
                Map.of(NoteModal.TEXT, NoteModal.CRASH));
        assertThat(failed.ephemeral()).isTrue();
        assertThat(failed.embeds().get(0)).containsEntry("title", "Something went wrong");
        assertThat(String.valueOf(failed.embeds().get(0).get("description")))
                .contains("reference `" + Long.toUnsignedString(failed.interactionId()) + "`")
                .doesNotContain("on purpose");
        assertThat(dsl.fetchCount(AUDIT_LOG)).isZero();
    }

    @Test
    void the_same_bad_input_is_refused_by_the_cli_and_by_discord_with_one_exception_and_one_message() {
        String task = "async_tournament_score_calculation";
        UserError thrown = (UserError) catchUserError(() -> new ScheduleParser(Duration.ofSeconds(5)).interval("2s"));
        assertThat(thrown.kind()).isEqualTo(UserError.Kind.BAD_INPUT);
        String settingsBefore = dsl.selectFrom(TASK_SETTING).fetch().formatCSV();

        CliRunner.Result cli = CliRunner.run(env, "tasks", "reschedule", task, "--every", "2s");
        assertThat(cli.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err().strip()).isEqualTo("error: " + thrown.getMessage());

        FakeMember operator = guild.memberById(33).orElseGet(() -> guild.member(33, "operator"));
        SlashReply discordReply = discord.slash(guild, operator, "tasks reschedule",
                Map.of("task", task, "every", "2s"));
        assertThat(discordReply.embeds().get(0)).containsEntry("title", "Cannot do that")
                .containsEntry("description", thrown.getMessage());
        assertThat(dsl.selectFrom(TASK_SETTING).fetch().formatCSV()).isEqualTo(settingsBefore);
    }

    private Map<String, Object> panel() {
        SlashReply reply = discord.slash(guild, admin, "demo", Map.of("tournament", tournamentId));
        assertThat(reply.ephemeral()).as("the demo says it is not ephemeral").isFalse();
        assertThat(reply.content()).isEqualTo("Demo panel");
        return reply.message();
    }

    private static Throwable catchUserError(Runnable action) {
        assertThatThrownBy(action::run).isInstanceOf(UserError.class);
        try {
            action.run();
            throw new AssertionError("no error");
        } catch (UserError e) {
            return e;
        }
    }
}
