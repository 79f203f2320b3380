package io.asynctournament.db.leaderboard;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static io.asynctournament.db.generated.Tables.LEADERBOARD_CHANGE;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;

/**
 * The live leaderboard message of each tournament (V009, README "Leaderboards"): where it is, and the changes of its
 * standings not yet shown ({@code leaderboard_change}, a row inserted in the transaction of every change of a
 * tournament with a live message, without locking the tournament). An edit is claimed by deleting the tournament's
 * change rows, so that of several bot processes one edits for a change.
 */
public final class LiveLeaderboardRepository {

    /*
     * The tournaments due for an edit, claimed in one statement: those with a live message, change rows, and no post
     * or edit claimed less than the interval before now ({1} = now - interval). Their rows are locked (skip locked:
     * another process claiming them skips them), their change rows deleted (a process that read them before finds them
     * gone and claims nothing) and leaderboard_posted_at set to now ({0}). A change committed after this statement's
     * snapshot leaves its row for the next claim. Takes no lock a change's transaction waits for: the change rows it
     * deletes are committed ones, and the triggers never lock the tournament row.
     */
    private static final String CLAIM = """
            with due as (
                select t.id
                  from tournament t
                 where t.leaderboard_message_id is not null
                   and (t.leaderboard_posted_at is null or t.leaderboard_posted_at <= {1})
                   and exists (select from leaderboard_change c where c.tournament_id = t.id)
                 order by t.id
                   for no key update of t skip locked
            ), consumed as (
                delete from leaderboard_change c using due where c.tournament_id = due.id
                returning c.tournament_id, c.changed_at
            ), claimed as (
                select tournament_id, min(changed_at) as changed_since from consumed group by tournament_id
            )
            update tournament t set leaderboard_posted_at = {0}
              from claimed
             where t.id = claimed.tournament_id
            returning t.id, t.leaderboard_channel_id, t.leaderboard_message_id, t.leaderboard_posted_at,
                      claimed.changed_since
            """;

    /** The tournament's live message, if one is posted. */
    public Optional<LiveLeaderboard> find(DSLContext dsl, long tournamentId) {
        return dsl.select(TOURNAMENT.ID, TOURNAMENT.LEADERBOARD_CHANNEL_ID, TOURNAMENT.LEADERBOARD_MESSAGE_ID,
                        TOURNAMENT.LEADERBOARD_POSTED_AT).from(TOURNAMENT).where(TOURNAMENT.ID.eq(tournamentId))
                .and(TOURNAMENT.LEADERBOARD_MESSAGE_ID.isNotNull())
                .fetchOptional(r -> row(r, null));
    }

    /**
     * Records a newly posted live message in place of the one before (locked first), and one change of the
     * tournament's standings, so that the message is edited once {@code minInterval} later: a change committed while
     * it was being posted (after its standings were read, before this commits) found no live message and left no row.
     *
     * @param now UTC instant recorded as the last post
     * @return the message it replaces, if any (to delete)
     */
    public Optional<LiveLeaderboard> record(DSLContext tx, long tournamentId, long channelId, long messageId,
                                            Instant now) {
        Optional<LiveLeaderboard> previous = tx.select(TOURNAMENT.ID, TOURNAMENT.LEADERBOARD_CHANNEL_ID,
                        TOURNAMENT.LEADERBOARD_MESSAGE_ID, TOURNAMENT.LEADERBOARD_POSTED_AT).from(TOURNAMENT)
                .where(TOURNAMENT.ID.eq(tournamentId)).forNoKeyUpdate()
                .fetchOptional(r -> row(r, null)).filter(l -> l.messageId() != 0);
        tx.update(TOURNAMENT).set(TOURNAMENT.LEADERBOARD_CHANNEL_ID, channelId)
                .set(TOURNAMENT.LEADERBOARD_MESSAGE_ID, messageId)
                .set(TOURNAMENT.LEADERBOARD_POSTED_AT, utc(now))
                .where(TOURNAMENT.ID.eq(tournamentId)).execute();
        changed(tx, tournamentId);
        return previous;
    }

    /**
     * Records a change of the tournament's standings as V009's triggers do ({@code leaderboard_changed}: a change row
     * and a notification at commit, if it has a live message, once per transaction).
     */
    public void changed(DSLContext dsl, long tournamentId) {
        dsl.execute("select leaderboard_changed(array[{0}]::bigint[])", DSL.val(tournamentId));
    }

    /**
     * Claims the edits due, in one statement: the tournaments with a live message, change rows, and no post or edit
     * claimed less than {@code minInterval} before {@code now}. Their change rows are deleted and
     * {@code leaderboard_posted_at} set to {@code now}; of two processes claiming at once, one gets each tournament.
     * A change committed after the claim leaves its row for the next one.
     *
     * @param now         UTC instant of the claim (the bot's clock)
     * @param minInterval the least time between two claims of one tournament
     * @return the claimed messages, by tournament id
     */
    public List<LiveLeaderboard> claimDue(DSLContext dsl, Instant now, Duration minInterval) {
        return dsl.resultQuery(CLAIM, DSL.val(utc(now)), DSL.val(utc(now.minus(minInterval))))
                .fetch(r -> new LiveLeaderboard(r.get("id", Long.class), orZero(r.get("leaderboard_channel_id",
                        Long.class)), orZero(r.get("leaderboard_message_id", Long.class)),
                        instant(r.get("leaderboard_posted_at", OffsetDateTime.class)),
                        instant(r.get("changed_since", OffsetDateTime.class))))
                .stream().sorted(Comparator.comparingLong(LiveLeaderboard::tournamentId)).toList();
    }

    /**
     * The live messages with changes not yet claimed, by tournament id (those claimed too recently wait for
     * {@code postedAt} plus the interval).
     */
    public List<LiveLeaderboard> withChanges(DSLContext dsl) {
        var since = DSL.min(LEADERBOARD_CHANGE.CHANGED_AT);
        return dsl.select(TOURNAMENT.ID, TOURNAMENT.LEADERBOARD_CHANNEL_ID, TOURNAMENT.LEADERBOARD_MESSAGE_ID,
                        TOURNAMENT.LEADERBOARD_POSTED_AT, since)
                .from(TOURNAMENT).join(LEADERBOARD_CHANGE).on(LEADERBOARD_CHANGE.TOURNAMENT_ID.eq(TOURNAMENT.ID))
                .where(TOURNAMENT.LEADERBOARD_MESSAGE_ID.isNotNull())
                .groupBy(TOURNAMENT.ID).orderBy(TOURNAMENT.ID)
                .fetch(r -> row(r, instant(r.get(since))));
    }

    /**
     * Gives back a claim whose edit failed (Discord unreachable): its oldest change goes back as a change row, so that
     * the next claim, {@code minInterval} after this one, edits again.
     */
    public void giveBack(DSLContext dsl, LiveLeaderboard claimed) {
        dsl.insertInto(LEADERBOARD_CHANGE).set(LEADERBOARD_CHANGE.TOURNAMENT_ID, claimed.tournamentId())
                .set(LEADERBOARD_CHANGE.CHANGED_AT, claimed.changedSince() == null ? DSL.currentOffsetDateTime()
                        : DSL.val(utc(claimed.changedSince())))
                .execute();
    }

    /**
     * Replaces a live message that was deleted by the one posted instead, unless the message changed meanwhile (an
     * admin posted a new one).
     */
    public boolean replaceMessage(DSLContext dsl, long tournamentId, long oldMessageId, long newMessageId) {
        return dsl.update(TOURNAMENT).set(TOURNAMENT.LEADERBOARD_MESSAGE_ID, newMessageId)
                .where(TOURNAMENT.ID.eq(tournamentId)).and(TOURNAMENT.LEADERBOARD_MESSAGE_ID.eq(oldMessageId))
                .execute() == 1;
    }

    private static LiveLeaderboard row(Record r, Instant changedSince) {
        return new LiveLeaderboard(r.get(TOURNAMENT.ID), orZero(r.get(TOURNAMENT.LEADERBOARD_CHANNEL_ID)),
                orZero(r.get(TOURNAMENT.LEADERBOARD_MESSAGE_ID)), instant(r.get(TOURNAMENT.LEADERBOARD_POSTED_AT)),
                changedSince);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
