package io.asynctournament.jobs.tournaments;

import io.asynctournament.db.tournament.TournamentRow;

import java.util.Set;

/**
 * Who asks for a tournament change, as Discord says it: the bot turns its interaction caller into this.
 *
 * @param discordUserId  the Discord user id
 * @param discordGuildId the guild they ask in
 * @param roleIds        their roles in that guild
 * @param manageServer   true when they have Manage Server there
 * @param operator       true when they are one of the bot's operators
 */
public record Requester(long discordUserId, long discordGuildId, Set<Long> roleIds, boolean manageServer,
                        boolean operator) {
    public Requester {
        roleIds = Set.copyOf(roleIds);
    }

    /**
     * Whether the tournament belongs to the guild they ask in (an imported tournament, with no Discord guild, belongs
     * to none): a race or tournament of another server is treated as one that does not exist.
     */
    public boolean isIn(TournamentRow tournament) {
        return tournament.discordGuildId() != null && tournament.discordGuildId() == discordGuildId;
    }

    /** The actor the audit log names. */
    public String actor() {
        return "discord:" + discordUserId;
    }
}
