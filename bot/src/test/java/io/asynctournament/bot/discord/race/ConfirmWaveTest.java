package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.fake.ComponentReply;
import io.asynctournament.bot.discord.fake.FakeChannel;
import io.asynctournament.bot.discord.fake.FakeDiscord;
import io.asynctournament.bot.discord.fake.FakeGuild;
import io.asynctournament.bot.discord.fake.FakeMember;
import io.asynctournament.bot.discord.fake.RateLimits;
import io.asynctournament.bot.testing.BotAgainstFakeDiscord;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.tournaments.Requester;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.RACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A wave of confirms waiting on Discord's thread-creation bucket does not hold up other racers' answers
 * (BENCHMARKS.md, "Start wave"): Confirm runs on workers of its own. Here the bucket takes one thread per 5 s, six
 * racers confirm at once (more than the router's four workers), and a seventh racer's Start is answered at once.
 */
class ConfirmWaveTest {
    static final long GUILD_ID = 8201;
    static final long CHANNEL_ID = 8301;
    static final int CONFIRMING = 6;
    static FakeDiscord discord;
    static FakeGuild guild;
    static FakeChannel channel;
    static FakeMember admin;
    static final List<FakeMember> racers = new ArrayList<>();
    static AnnotationConfigApplicationContext bot;
    static BotAgainstFakeDiscord running;

    @BeforeAll
    static void start() {
        running = BotAgainstFakeDiscord.builder()
                .discord(fake -> {
                    fake.rateLimits(RateLimits.discord().withBucket("thread-create", 1, Duration.ofSeconds(5),
                            "POST /channels/{channel_id}/threads",
                            "POST /channels/{channel_id}/messages/{message_id}/threads"));
                    fake.answerTimeout(Duration.ofSeconds(60));
                    guild = fake.guild(GUILD_ID, "Wave Club");
                    channel = guild.textChannel(CHANNEL_ID, "async-races");
                    admin = guild.member(50, "admin", Permission.MANAGE_SERVER);
                    for (int i = 0; i <= CONFIRMING; i++) {
                        racers.add(guild.member(51 + i, "Racer " + i));
                    }
                })
                .env("DASHBOARD_PASSWORD", "wave-test-password").waitForConnection().start();
        discord = running.discord();
        bot = running.bot();
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void a_start_is_answered_at_once_while_confirms_wait_for_the_thread_bucket() throws Exception {
        DSLContext dsl = TestDatabase.get().dsl();
        TournamentService tournaments = bot.getBean(TournamentService.class);
        Requester by = new Requester(admin.userId(), GUILD_ID, Set.of(), true, false);
        TournamentRow cup = tournaments.create(by, "Wave Club", "Wave Cup", CHANNEL_ID, 1, 0, false, null, null);
        tournaments.addPool(by, cup, "Pool A");
        for (int i = 0; i <= CONFIRMING; i++) {
            tournaments.addPermalink(by, cup, "Pool A", "https://example.org/wave/" + i, "");
        }
        long poolId = dsl.select(POOL.ID).from(POOL).where(POOL.TOURNAMENT_ID.eq(cup.id())).fetchSingle().value1();
        JDA jda = running.jda();
        long startMessage = jda.getTextChannelById(CHANNEL_ID)
                .sendMessage(StartMessage.build(cup, tournaments.timeouts(cup))).complete().getIdLong();
        String start = StartMessage.startId(cup.id()).encode();

        List<ComponentReply> confirmations = new ArrayList<>();
        for (FakeMember racer : racers.subList(0, CONFIRMING)) {
            ComponentReply offer = discord.button(channel, racer, startMessage, start);
            confirmations.add(discord.stringSelect(channel, racer, offer.message(), "race:pool:" + cup.id(),
                    List.of(Long.toString(poolId))));
        }
        ExecutorService pressing = Executors.newFixedThreadPool(CONFIRMING);
        try {
            List<CompletableFuture<ComponentReply>> confirms = new ArrayList<>();
            for (int i = 0; i < CONFIRMING; i++) {
                FakeMember racer = racers.get(i);
                ComponentReply confirmation = confirmations.get(i);
                confirms.add(CompletableFuture.supplyAsync(() -> discord.button(channel, racer,
                        confirmation.message(), "race:confirm:" + cup.id() + ":" + poolId), pressing));
            }
            // the first thread is created; the other confirms (four at a time) wait for the bucket's next windows
            await().atMost(Duration.ofSeconds(10)).until(() -> dsl.fetchCount(RACE) >= 4
                    && !discord.requests("POST", "channels/" + CHANNEL_ID + "/threads").isEmpty());

            long pressed = System.nanoTime();
            ComponentReply late = discord.button(channel, racers.get(CONFIRMING), startMessage, start);
            Duration answeredAfter = Duration.ofNanos(System.nanoTime() - pressed);
            assertThat(late.content()).contains("choose the pool");
            assertThat(answeredAfter).as("the Start answer does not wait for the thread bucket")
                    .isLessThan(Duration.ofSeconds(3));
            assertThat(confirms.stream().filter(CompletableFuture::isDone).count())
                    .as("confirms still waiting for the thread bucket").isLessThan(CONFIRMING);

            for (CompletableFuture<ComponentReply> confirm : confirms) {
                assertThat(confirm.get().content()).contains("Your race is open: <#");
            }
        } finally {
            pressing.shutdownNow();
        }
        assertThat(dsl.select(RACE.THREAD_ID).from(RACE).fetch(RACE.THREAD_ID)).hasSize(CONFIRMING)
                .doesNotContainNull().doesNotHaveDuplicates();
    }
}
