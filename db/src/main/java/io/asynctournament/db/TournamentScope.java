package io.asynctournament.db;

import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.util.Set;

import static io.asynctournament.db.generated.Tables.TOURNAMENT;

/**
 * Which tournaments a task run covers: all active tournaments, or the listed ones (active or not), optionally limited
 * to one guild or excluding guilds that have their own task instance.
 *
 * @param tournamentIds    tournament ids to cover, or empty for "every active tournament"
 * @param onlyGuildId      the guild (row id) to limit to, or null for all guilds
 * @param excludedGuildIds guilds (row ids) to skip
 */
public record TournamentScope(Set<Long> tournamentIds, Long onlyGuildId, Set<Long> excludedGuildIds) {

    public TournamentScope {
        tournamentIds = Set.copyOf(tournamentIds);
        excludedGuildIds = Set.copyOf(excludedGuildIds);
    }

    /** Every active tournament of every guild. */
    public static TournamentScope allActive() {
        return new TournamentScope(Set.of(), null, Set.of());
    }

    /** Exactly these tournaments, whether active or not. */
    public static TournamentScope tournaments(Set<Long> ids) {
        return new TournamentScope(ids, null, Set.of());
    }

    /** The condition on {@code TOURNAMENT} that selects this scope (for the score calculation). */
    public Condition condition() {
        return condition(TOURNAMENT.ACTIVE.isTrue());
    }

    /**
     * The condition the timeout sweeps use: like {@link #condition()}, but "every active tournament" also covers the
     * closed ones. A closed tournament takes no new runs, but the races already open in it keep their deadlines
     * (README, the task table's note on closed tournaments).
     */
    public Condition sweepCondition() {
        return condition(DSL.trueCondition());
    }

    private Condition condition(Condition whenAll) {
        Condition condition = tournamentIds.isEmpty() ? whenAll : TOURNAMENT.ID.in(tournamentIds);
        if (onlyGuildId != null) {
            condition = condition.and(TOURNAMENT.GUILD_ID.eq(onlyGuildId));
        }
        if (!excludedGuildIds.isEmpty()) {
            condition = condition.and(TOURNAMENT.GUILD_ID.notIn(excludedGuildIds));
        }
        return condition == null ? DSL.trueCondition() : condition;
    }
}
