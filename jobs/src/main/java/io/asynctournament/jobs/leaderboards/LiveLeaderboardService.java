package io.asynctournament.jobs.leaderboards;

import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.leaderboard.LiveLeaderboard;
import io.asynctournament.db.leaderboard.LiveLeaderboardRepository;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.tournaments.Requester;
import io.asynctournament.jobs.tournaments.TournamentService;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tournament's live leaderboard message (README "Leaderboards"): an admin posts it in a channel; the bot keeps it
 * current by editing it whenever the tournament has change rows (inserted in the transaction of every change of its
 * standings, without locking the tournament, V009). An edit is claimed first, by deleting those rows in one
 * statement, so that several bot processes edit once for a change, and at most once per {@code minInterval} per
 * tournament.
 */
public final class LiveLeaderboardService {
    private final DSLContext dsl;
    private final Clock clock;
    private final LiveLeaderboardRepository live;
    private final TournamentService tournaments;
    private final AuditLogRepository audit;

    public LiveLeaderboardService(DSLContext dsl, Clock clock, LiveLeaderboardRepository live,
                                  TournamentService tournaments, AuditLogRepository audit) {
        this.dsl = dsl;
        this.clock = clock;
        this.live = live;
        this.tournaments = tournaments;
        this.audit = audit;
    }

    /** Refuses, changing nothing, unless the requester may run the tournament. @throws io.asynctournament.jobs.errors.UserError refused */
    public void requireAdmin(Requester by, TournamentRow tournament) {
        tournaments.requireAdmin(by, tournament);
    }

    /**
     * Records the live message just posted, with its audit entry ({@code leaderboard_post}), and one change of the
     * standings, so that the message is edited once shortly after (a change committed while it was being posted is
     * shown then); returns the one it replaces, if any, to delete.
     *
     * @throws io.asynctournament.jobs.errors.UserError refused unless the requester may run the tournament
     */
    public Optional<LiveLeaderboard> record(Requester by, TournamentRow tournament, long channelId, long messageId) {
        tournaments.requireAdmin(by, tournament);
        Instant now = clock.instant();
        return dsl.transactionResult(tx -> {
            Optional<LiveLeaderboard> previous = live.record(tx.dsl(), tournament.id(), channelId, messageId, now);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("channel", channelId);
            details.put("message", messageId);
            previous.ifPresent(p -> details.put("replaces", p.channelId() + "/" + p.messageId()));
            audit.insertAll(tx.dsl(), List.of(new AuditEntry(by.actor(), "leaderboard_post",
                    "tournament:" + tournament.id(), details, now)));
            return previous;
        });
    }

    /**
     * Claims the edits due now: the live messages with changes whose last post or edit was claimed at least
     * {@code minInterval} ago (of several processes, one claims each change).
     */
    public List<LiveLeaderboard> claimDue(Duration minInterval) {
        return live.claimDue(dsl, clock.instant(), minInterval);
    }

    /** The live messages with changes not yet claimed (due once {@code postedAt} plus the interval has passed). */
    public List<LiveLeaderboard> withChanges() {
        return live.withChanges(dsl);
    }

    /** Gives a claim back after its edit failed (Discord unreachable), for the next claim to edit again. */
    public void giveBack(LiveLeaderboard claimed) {
        live.giveBack(dsl, claimed);
    }

    /**
     * Records the message posted in place of a live message someone deleted (no audit entry: the bot's own repair).
     *
     * @return false when an admin posted another one meanwhile (then the new one is to be deleted)
     */
    public boolean replaceDeleted(long tournamentId, long deletedMessageId, long newMessageId) {
        return live.replaceMessage(dsl, tournamentId, deletedMessageId, newMessageId);
    }
}
