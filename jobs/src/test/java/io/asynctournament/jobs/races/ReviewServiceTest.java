package io.asynctournament.jobs.races;

import io.asynctournament.db.GuildRepository;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.generated.enums.ReviewStatus;
import io.asynctournament.db.notification.NotificationRepository;
import io.asynctournament.db.race.RaceResultRepository;
import io.asynctournament.db.review.ReviewRepository;
import io.asynctournament.db.scoring.ScoringRepository;
import io.asynctournament.db.task.TaskSettingRepository;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.db.tournament.TournamentSetupRepository;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.tasks.TaskCatalog;
import io.asynctournament.jobs.testing.Fixtures;
import io.asynctournament.jobs.tournaments.Requester;
import io.asynctournament.jobs.tournaments.TournamentService;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.asynctournament.db.generated.Tables.AUDIT_LOG;
import static io.asynctournament.db.generated.Tables.GUILD;
import static io.asynctournament.db.generated.Tables.NOTIFICATION;
import static io.asynctournament.db.generated.Tables.RACE;
import static org.assertj.core.api.Assertions.assertThat;

/** Review on the real database: two reviewers at the same instant, and the queue's order. */
@ExtendWith(DatabaseExtension.class)
class ReviewServiceTest {
    private static final Instant NOW = Instant.parse("2026-05-01T18:00:00Z");

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final Fixtures fixtures = new Fixtures(dsl);
    private final MutableClock clock = new MutableClock(NOW);
    private final AuditLogRepository audit = new AuditLogRepository();
    private final TournamentSetupRepository tournamentRows = new TournamentSetupRepository();
    private final TournamentService tournaments = new TournamentService(dsl, clock, new GuildRepository(),
            tournamentRows, new TaskCatalog(dsl, new TaskSettingRepository()), audit);
    private final RaceResultService results = new RaceResultService(dsl, clock, new RaceResultRepository(),
            new ScoringRepository(), audit);
    private final ReviewService service = new ReviewService(dsl, tournamentRows, tournaments, new ReviewRepository(),
            results, audit, new NotificationRepository());

    @Test
    void of_two_reviewers_submitting_at_once_exactly_one_wins_and_the_other_is_told_who() throws Exception {
        long guild = fixtures.guild();
        long discordGuild = dsl.select(GUILD.DISCORD_GUILD_ID).from(GUILD).where(GUILD.ID.eq(guild)).fetchSingle()
                .value1();
        long tournament = fixtures.tournament(guild);
        long permalink = fixtures.permalink(fixtures.pool(tournament));
        long run = fixtures.finishedRace(tournament, permalink, fixtures.racer(), 3600, false);
        for (int round = 0; round < 5; round++) {
            dsl.update(RACE).set(RACE.REVIEW_STATUS, ReviewStatus.pending).setNull(RACE.REVIEWED_BY)
                    .where(RACE.ID.eq(run)).execute();
            dsl.deleteFrom(NOTIFICATION).execute();
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<String>> presses = List.of(11L, 12L).stream().map(user ->
                    CompletableFuture.supplyAsync(() -> {
                        try {
                            go.await();
                            service.review(new Requester(user, discordGuild, Set.of(), true, false), run,
                                    user == 11L, "notes of " + user, NOW);
                            return "won";
                        } catch (UserError e) {
                            return e.getMessage();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    })).toList();
            go.countDown();
            List<String> outcomes = presses.stream().map(CompletableFuture::join).toList();
            assertThat(outcomes).filteredOn("won"::equals).hasSize(1);
            String winner = dsl.select(RACE.REVIEWED_BY).from(RACE).where(RACE.ID.eq(run)).fetchSingle().value1();
            assertThat(outcomes).filteredOn(o -> !o.equals("won")).singleElement().asString()
                    .contains("This run was already").contains("<@" + winner.substring("discord:".length()) + ">");
            assertThat(dsl.fetchCount(NOTIFICATION)).as("one notification").isEqualTo(1);
        }
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.like("race_review_%"))).isEqualTo(5);
    }
}
