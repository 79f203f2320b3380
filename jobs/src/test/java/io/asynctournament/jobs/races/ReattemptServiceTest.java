package io.asynctournament.jobs.races;

import io.asynctournament.db.GuildRepository;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.generated.enums.ReviewStatus;
import io.asynctournament.db.notification.NotificationRepository;
import io.asynctournament.db.race.RaceResultRepository;
import io.asynctournament.db.race.RaceStartRepository;
import io.asynctournament.db.race.ReattemptRepository;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.asynctournament.db.generated.Tables.GUILD;
import static io.asynctournament.db.generated.Tables.NOTIFICATION;
import static io.asynctournament.db.generated.Tables.RACE;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reattempts on the real database (README "Reattempts"): the limit, the dealing afterwards, admins' changes. */
@ExtendWith(DatabaseExtension.class)
class ReattemptServiceTest {
    private static final Instant NOW = Instant.parse("2026-05-01T18:00:00Z");

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final Fixtures fixtures = new Fixtures(dsl);
    private final MutableClock clock = new MutableClock(NOW);
    private final AuditLogRepository audit = new AuditLogRepository();
    private final TournamentSetupRepository tournamentRows = new TournamentSetupRepository();
    private final RaceStartRepository starts = new RaceStartRepository();
    private final TaskCatalog catalog = new TaskCatalog(dsl, new TaskSettingRepository());
    private final RaceStartService startService = new RaceStartService(dsl, tournamentRows, starts, catalog, audit);
    private final RaceResultService results = new RaceResultService(dsl, clock, new RaceResultRepository(),
            new ScoringRepository(), audit);
    private final TournamentService tournaments = new TournamentService(dsl, clock, new GuildRepository(),
            tournamentRows, catalog, audit);
    private final ReattemptService service = new ReattemptService(dsl, tournamentRows, tournaments,
            new ReattemptRepository(), starts, results, audit, new NotificationRepository());
    private long guild;
    private long tournament;
    private long pool;

    @BeforeEach
    void aTournamentWithOnePoolOfTwelve() {
        guild = fixtures.guild();
        tournament = fixtures.tournament(guild);
        pool = fixtures.pool(tournament);
        for (int i = 0; i < 12; i++) {
            fixtures.permalink(pool);
        }
    }

    @Test
    void over_many_reattempts_the_racer_is_never_dealt_a_permalink_they_have_seen_and_the_limit_holds() {
        maxReattempts(10);
        RacerIdentity alice = racer(1);
        // other racers play too, so that play counts differ and the least-played rule alone would deal repeats
        for (int other = 2; other <= 6; other++) {
            finish(startService.confirm(tournament, pool, racer(other), clock.instant()).raceId(), other);
        }
        Set<Long> seen = new HashSet<>();
        List<Long> runs = new ArrayList<>();
        for (int round = 0; round <= 10; round++) {
            assertThat(startService.offer(tournament, alice, clock.instant()).pools())
                    .as("the pool is offered again after reattempt " + round).hasSize(1);
            long raceId = startService.confirm(tournament, pool, alice, clock.instant()).raceId();
            long permalink = dsl.select(RACE.PERMALINK_ID).from(RACE).where(RACE.ID.eq(raceId)).fetchSingle().value1();
            assertThat(seen.add(permalink)).as("round " + round + " deals a permalink never dealt to her").isTrue();
            runs.add(raceId);
            if (round % 2 == 0) {
                finish(raceId, 1);
            } else {
                results.forfeit(raceId, clock.instant(), "discord:1");
            }
            if (round < 10) {
                ReattemptService.Outcome outcome = service.markByRacer(raceId, 1, "try " + round, clock.instant());
                assertThat(outcome.used()).isEqualTo(round + 1);
            }
        }
        assertThat(seen).hasSize(11);
        long last = runs.get(runs.size() - 1);
        String before = snapshot();
        assertThatThrownBy(() -> service.markByRacer(last, 1, "one more", clock.instant()))
                .isInstanceOf(UserError.class).hasMessageContaining("You have used 10 of the 10 reattempt(s)");
        assertThat(snapshot()).isEqualTo(before);
        assertThatThrownBy(() -> startService.offer(tournament, alice, clock.instant()))
                .hasMessageContaining("no runs left");
        assertThat(dsl.fetchCount(RACE, RACE.REATTEMPTED.isTrue().and(RACE.REATTEMPT_REASON.like("try %"))
                .and(RACE.REATTEMPTED_BY.eq("discord:1")).and(RACE.REATTEMPTED_AT.isNotNull()))).isEqualTo(10);
    }

    @Test
    void a_tournament_without_reattempts_refuses_and_says_why() {
        maxReattempts(0);
        long raceId = startService.confirm(tournament, pool, racer(1), clock.instant()).raceId();
        finish(raceId, 1);
        String before = snapshot();
        assertThatThrownBy(() -> service.markByRacer(raceId, 1, "bad seed", NOW))
                .isInstanceOf(UserError.class).hasMessageContaining("does not allow reattempts (max_reattempts is 0)");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void a_run_is_refused_when_not_the_racers_rejected_or_every_permalink_was_dealt() {
        maxReattempts(5);
        long raceId = startService.confirm(tournament, pool, racer(1), clock.instant()).raceId();
        finish(raceId, 1);
        String before = snapshot();
        assertThatThrownBy(() -> service.markByRacer(raceId, 2, "mine now", NOW))
                .hasMessageContaining("This is not your run");
        assertThatThrownBy(() -> service.markByRacer(raceId, 1, " ", NOW)).hasMessageContaining("reason is required");
        dsl.update(RACE).set(RACE.REVIEW_STATUS, ReviewStatus.rejected).where(RACE.ID.eq(raceId)).execute();
        before = snapshot();
        assertThatThrownBy(() -> service.markByRacer(raceId, 1, "redo", NOW)).hasMessageContaining("rejected");
        assertThat(snapshot()).isEqualTo(before);

        long small = fixtures.pool(tournament);
        fixtures.permalink(small);
        long only = startService.confirm(tournament, small, racer(3), clock.instant()).raceId();
        finish(only, 3);
        before = snapshot();
        assertThatThrownBy(() -> service.markByRacer(only, 3, "redo", NOW))
                .hasMessageContaining("dealt every permalink");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void an_admin_marks_beyond_the_limit_and_unmarks_unless_the_racer_played_the_pool_again() {
        maxReattempts(1);
        Requester admin = new Requester(99, discordGuild(), Set.of(), true, false);
        long first = startService.confirm(tournament, pool, racer(1), clock.instant()).raceId();
        finish(first, 1);
        service.markByRacer(first, 1, "crash", NOW);
        long second = startService.confirm(tournament, pool, racer(1), clock.instant()).raceId();
        finish(second, 1);
        ReattemptService.Outcome marked = service.setByAdmin(admin, second, true, "stream died", NOW);
        assertThat(marked.used()).as("beyond the racer's limit of 1").isEqualTo(2);
        assertThat(dsl.select(NOTIFICATION.KIND).from(NOTIFICATION).where(NOTIFICATION.RACE_ID.eq(second))
                .fetch(NOTIFICATION.KIND)).containsExactly(ReattemptService.REATTEMPT_MARKED);

        ReattemptService.Outcome unmarked = service.setByAdmin(admin, second, false, "it was fine", NOW);
        assertThat(unmarked.reattempted()).isFalse();
        assertThat(dsl.select(RACE.REATTEMPTED, RACE.REATTEMPT_REASON).from(RACE).where(RACE.ID.eq(second))
                .fetchSingle().value2()).isNull();
        String before = snapshot();
        assertThatThrownBy(() -> service.setByAdmin(admin, first, false, "count it", NOW))
                .hasMessageContaining("has played 1 run(s) in").hasMessageContaining("one too many");
        assertThat(snapshot()).isEqualTo(before);
        assertThatThrownBy(() -> service.setByAdmin(new Requester(5, discordGuild(), Set.of(), false, false), second,
                true, "x", NOW)).isInstanceOf(UserError.class).hasMessageContaining("needs Manage Server");
        assertThat(snapshot()).isEqualTo(before);
    }

    private void finish(long raceId, long discordUserId) {
        starts.attachThread(dsl, raceId, 700_000 + raceId);
        clock.tick(Duration.ofSeconds(1));
        new RaceResultRepository().start(dsl, raceId, clock.instant(), clock.instant());
        clock.tick(Duration.ofMinutes(30 + raceId % 7));
        assertThat(results.finish(raceId, clock.instant(), "discord:" + discordUserId)).isTrue();
    }

    private void maxReattempts(int max) {
        dsl.update(TOURNAMENT).set(TOURNAMENT.MAX_REATTEMPTS, max).where(TOURNAMENT.ID.eq(tournament)).execute();
    }

    private long discordGuild() {
        return dsl.select(GUILD.DISCORD_GUILD_ID).from(GUILD).where(GUILD.ID.eq(guild)).fetchSingle().value1();
    }

    private static RacerIdentity racer(long discordUserId) {
        return new RacerIdentity(discordUserId, "racer " + discordUserId, Instant.EPOCH, Set.of());
    }

    private String snapshot() {
        return dsl.selectFrom(RACE).orderBy(RACE.ID).fetch().formatCSV()
                + dsl.fetchCount(io.asynctournament.db.generated.Tables.AUDIT_LOG)
                + dsl.selectFrom(NOTIFICATION).orderBy(NOTIFICATION.ID).fetch().formatCSV()
                + dsl.selectFrom(io.asynctournament.db.generated.Tables.RACE_SCORE).orderBy(1).fetch().formatCSV();
    }
}
