package io.asynctournament.jobs.races;

import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.race.RaceStartRepository;
import io.asynctournament.db.race.RaceStartRepository.OpenRace;
import io.asynctournament.db.race.RaceStartRepository.PoolChoice;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.db.tournament.TournamentSetupRepository;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.tasks.TaskCatalog;
import io.asynctournament.jobs.tasks.TournamentTimeouts;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starting a race (README "Racer guide"): who may start, the pools offered, and the confirmed start that creates the
 * race with its deadline and then gets its thread. A refusal changes nothing; a double or concurrent confirm creates
 * one race (the racer's row is locked, then their open race is looked for again).
 */
public final class RaceStartService {
    private final DSLContext dsl;
    private final TournamentSetupRepository tournaments;
    private final RaceStartRepository starts;
    private final TaskCatalog catalog;
    private final AuditLogRepository audit;

    public RaceStartService(DSLContext dsl, TournamentSetupRepository tournaments, RaceStartRepository starts,
                            TaskCatalog catalog, AuditLogRepository audit) {
        this.dsl = dsl;
        this.tournaments = tournaments;
        this.starts = starts;
        this.catalog = catalog;
        this.audit = audit;
    }

    /**
     * What the racer may start: the pools with runs left and the settings to quote. Reads only.
     *
     * @param at when they pressed Start (UTC), for the account age
     * @throws UserError not found (the tournament is gone), conflict (closed; a race already open, whose thread the
     *                   message links; no runs left) or refused (no racer role; account too young)
     */
    public StartOffer offer(long tournamentId, RacerIdentity racer, Instant at) {
        TournamentRow tournament = tournament(dsl, tournamentId);
        checkMayStart(tournament, racer, at);
        Optional<Long> racerId = starts.racerId(dsl, racer.discordUserId());
        List<PoolChoice> pools;
        if (racerId.isPresent()) {
            checkNoOpenRace(dsl, tournament, racerId.get());
            pools = starts.poolsWithRunsLeft(dsl, tournamentId, racerId.get(), tournament.runsPerPool());
        } else {
            pools = starts.poolsWithRunsLeft(dsl, tournamentId, -1, tournament.runsPerPool());
        }
        if (pools.isEmpty()) {
            throw UserError.conflict("You have no runs left in " + tournament.name() + ": every pool is done.");
        }
        return new StartOffer(tournamentId, tournament.name(), pools, timeouts(tournament));
    }

    /**
     * Creates the racer's race in the pool, in one transaction: checks everything {@link #offer} checks again, deals
     * the pool's least-played permalink the racer was never dealt (ties at random), sets {@code thread_opened_at} to
     * {@code at} and the deadline from the effective {@code timeout_minutes}, and writes the audit entry
     * ({@code race_open}). The thread comes next ({@link #attachThread}, or {@link #abandon} when it fails).
     *
     * @param at when they confirmed (UTC)
     * @throws UserError as {@link #offer}, and conflict when the pool has no run left for them
     */
    public OpenedRace confirm(long tournamentId, long poolId, RacerIdentity racer, Instant at) {
        return dsl.transactionResult(tx -> {
            DSLContext c = tx.dsl();
            TournamentRow tournament = tournament(c, tournamentId);
            checkMayStart(tournament, racer, at);
            long racerId = starts.upsertRacer(c, racer.discordUserId(), racer.displayName());
            starts.lockRacer(c, racerId);
            checkNoOpenRace(c, tournament, racerId);
            PoolChoice pool = starts.poolsWithRunsLeft(c, tournamentId, racerId, tournament.runsPerPool()).stream()
                    .filter(p -> p.poolId() == poolId).findFirst()
                    .orElseThrow(() -> UserError.conflict("You have no run left in that pool of " + tournament.name()
                            + "; press Start again to see the pools you may play."));
            starts.lockPool(c, poolId);
            long permalinkId = starts.pickPermalink(c, poolId, racerId).orElseThrow(() -> UserError.conflict(
                    "Every permalink of " + pool.name() + " was dealt to you already."));
            TournamentTimeouts timeouts = timeouts(tournament);
            Instant deadline = at.plus(Duration.ofMinutes(timeouts.timeout().value()));
            long raceId = starts.insertRace(c, tournamentId, permalinkId, racerId, at, deadline);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("tournament", tournamentId);
            details.put("pool", poolId);
            details.put("permalink", permalinkId);
            details.put("timeout_at", deadline.toString());
            audit.insertAll(c, List.of(new AuditEntry(racer.actor(), "race_open", "race:" + raceId, details, at)));
            RaceStartRepository.Permalink permalink = starts.permalink(c, permalinkId);
            return new OpenedRace(raceId, tournament.name(), pool.name(), permalink.url(), permalink.notes(),
                    deadline, timeouts.warning().value(), timeouts.maxHours().value());
        });
    }

    /**
     * Records the race's thread.
     *
     * @return false when the race no longer waits for one (gone, or ended meanwhile): the caller deletes the thread,
     *         so that no thread outlives its race
     */
    public boolean attachThread(long raceId, long threadId) {
        return dsl.transactionResult(tx -> starts.attachThread(tx.dsl(), raceId, threadId));
    }

    /**
     * Deletes a race whose thread could not be created, with an audit entry ({@code race_abandoned}, the reason in
     * its details): no race outlives a failed thread creation.
     *
     * @param at when (UTC)
     */
    public void abandon(long raceId, String actor, String reason, Instant at) {
        dsl.transaction(tx -> {
            if (starts.deleteWithoutThread(tx.dsl(), raceId)) {
                audit.insertAll(tx.dsl(), List.of(new AuditEntry(actor, "race_abandoned", "race:" + raceId,
                        Map.of("reason", reason), at)));
            }
        });
    }

    private TournamentRow tournament(DSLContext c, long tournamentId) {
        return tournaments.find(c, tournamentId)
                .orElseThrow(() -> UserError.notFound("This tournament no longer exists."));
    }

    private TournamentTimeouts timeouts(TournamentRow t) {
        return catalog.timeoutsFor(t.guildId(), t.warningMinutes(), t.timeoutMinutes(), t.maxHours());
    }

    private static void checkMayStart(TournamentRow tournament, RacerIdentity racer, Instant at) {
        if (!tournament.active()) {
            throw UserError.conflict(tournament.name() + " is closed: it takes no new runs.");
        }
        if (tournament.racerRoleId() != null && !racer.roleIds().contains(tournament.racerRoleId())) {
            throw UserError.refused("Starting a run in " + tournament.name() + " needs the <@&"
                    + tournament.racerRoleId() + "> role; ask the tournament's admins for it.");
        }
        Integer minDays = tournament.minAccountAgeDays();
        if (minDays != null && racer.accountCreatedAt().plus(Duration.ofDays(minDays)).isAfter(at)) {
            long days = Duration.between(racer.accountCreatedAt(), at).toDays();
            throw UserError.refused("Your Discord account is " + days + " day(s) old; " + tournament.name()
                    + " takes accounts at least " + minDays + " day(s) old.");
        }
    }

    private void checkNoOpenRace(DSLContext c, TournamentRow tournament, long racerId) {
        Optional<OpenRace> open = starts.openRace(c, tournament.id(), racerId);
        if (open.isPresent()) {
            throw UserError.conflict("You already have " + (open.get().status() == RaceStatus.pending
                    ? "a pending" : "an in-progress") + " race in " + tournament.name()
                    + (open.get().threadId() == null ? "" : ": <#" + open.get().threadId() + ">")
                    + ". Finish or forfeit it first.");
        }
    }
}
