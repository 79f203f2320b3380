package io.asynctournament.jobs.control;

import io.asynctournament.db.GuildRepository;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.jobs.tasks.TaskCatalog.ResolvedTask;
import io.asynctournament.jobs.tasks.TaskType;
import io.asynctournament.jobs.testing.Fixtures;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Effective settings: tournament override, then guild instance, then built-in override, then code default. A guild's
 * own instance handles that guild's tournaments only, and the built-in skips the guild while the instance exists.
 */
@ExtendWith(DatabaseExtension.class)
class GuildInstancePrecedenceTest {
    private static final String PENDING = TaskType.TIMEOUT_PENDING.id();
    private static final long DISCORD_GUILD = 111_222_333L;
    private static final Instant OPENED = Instant.parse("2026-06-01T18:00:00Z");

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final Fixtures fixtures = new Fixtures(dsl);
    private final MutableClock clock = new MutableClock(OPENED);
    private ControlPlane plane;
    private long clubRace;
    private long otherRace;
    private long clubTournament;

    @BeforeEach
    void twoGuilds() {
        plane = new ControlPlane(TestDatabase.get(), clock);
        plane.control.reconcile(true);
        long club = new GuildRepository().findOrCreate(dsl, DISCORD_GUILD, "Speedrun Club");
        clubTournament = fixtures.tournament(club);
        clubRace = fixtures.pendingRace(clubTournament, fixtures.permalink(fixtures.pool(clubTournament)), OPENED);
        long other = fixtures.tournament(fixtures.guild());
        otherRace = fixtures.pendingRace(other, fixtures.permalink(fixtures.pool(other)), OPENED);
    }

    @AfterEach
    void stop() {
        plane.close();
    }

    @Test
    void a_guilds_30_minute_timeout_is_never_overridden_by_the_global_20() {
        String clubTask = plane.control.create(TaskType.TIMEOUT_PENDING, DISCORD_GUILD, "Speedrun Club", "cli:admin")
                .id();
        plane.control.configure(clubTask, List.of("timeout_minutes=30"), "cli:admin");

        clock.set(OPENED.plus(Duration.ofMinutes(25)));
        run(PENDING);
        run(clubTask);

        assertThat(fixtures.race(otherRace).getStatus()).isEqualTo(RaceStatus.forfeit);
        assertThat(fixtures.race(clubRace).getStatus()).isEqualTo(RaceStatus.pending);
        assertThat(fixtures.race(clubRace).getTimeoutAt().toInstant()).isEqualTo(OPENED.plus(Duration.ofMinutes(30)));
        assertThat(fixtures.race(clubRace).getWarningSentAt()).as("warned 10 min ahead, the inherited default")
                .isNotNull();

        clock.set(OPENED.plus(Duration.ofMinutes(30)));
        run(PENDING);
        assertThat(fixtures.race(clubRace).getStatus()).as("the built-in skips the club").isEqualTo(RaceStatus.pending);
        run(clubTask);
        assertThat(fixtures.race(clubRace).getStatus()).isEqualTo(RaceStatus.forfeit);
    }

    @Test
    void settings_resolve_tournament_then_guild_instance_then_built_in_override_then_default() {
        plane.control.configure(PENDING, List.of("warning_minutes=15"), "cli:op");
        String clubTask = plane.control.create(TaskType.TIMEOUT_PENDING, DISCORD_GUILD, "Speedrun Club", "cli:admin")
                .id();

        assertThat(find(PENDING).definition().config()).containsEntry("warning_minutes", 15)
                .containsEntry("timeout_minutes", 20);
        assertThat(find(clubTask).definition().config()).as("inherits the built-in's override and default")
                .containsEntry("warning_minutes", 15).containsEntry("timeout_minutes", 20);

        plane.control.configure(clubTask, List.of("timeout_minutes=40", "warning_minutes=5"), "cli:admin");
        assertThat(find(clubTask).definition().config()).containsEntry("warning_minutes", 5)
                .containsEntry("timeout_minutes", 40);

        dsl.update(TOURNAMENT).set(TOURNAMENT.TIMEOUT_MINUTES, 60).where(TOURNAMENT.ID.eq(clubTournament)).execute();
        clock.set(OPENED.plus(Duration.ofMinutes(45)));
        run(clubTask);
        assertThat(fixtures.race(clubRace).getStatus()).as("the tournament's own 60 beats the instance's 40")
                .isEqualTo(RaceStatus.pending);
        assertThat(fixtures.race(clubRace).getTimeoutAt().toInstant()).isEqualTo(OPENED.plus(Duration.ofMinutes(60)));
    }

    @Test
    void deleting_the_guild_instance_hands_the_guild_back_to_the_built_in() {
        String clubTask = plane.control.create(TaskType.TIMEOUT_PENDING, DISCORD_GUILD, "Speedrun Club", "cli:admin")
                .id();
        assertThat(find(PENDING).scope().excludedGuildIds()).hasSize(1);

        plane.control.delete(clubTask, "cli:admin");
        clock.set(OPENED.plus(Duration.ofMinutes(20)));
        run(PENDING);

        assertThat(find(PENDING).scope().excludedGuildIds()).isEmpty();
        assertThat(fixtures.race(clubRace).getStatus()).isEqualTo(RaceStatus.forfeit);
    }

    private void run(String taskId) {
        ResolvedTask task = find(taskId);
        plane.runner.run(task.definition(), task.scope(), "test");
    }

    private ResolvedTask find(String taskId) {
        return plane.catalog.find(taskId).orElseThrow();
    }
}
