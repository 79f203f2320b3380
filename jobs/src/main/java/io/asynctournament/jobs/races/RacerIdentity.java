package io.asynctournament.jobs.races;

import java.time.Instant;
import java.util.Set;

/**
 * Who wants to race, as Discord tells it in the interaction.
 *
 * @param discordUserId    the Discord user id
 * @param displayName      their name in the guild (the racer's name and the thread's)
 * @param accountCreatedAt when their Discord account was created (UTC; from the user id's snowflake)
 * @param roleIds          their roles in the guild
 */
public record RacerIdentity(long discordUserId, String displayName, Instant accountCreatedAt, Set<Long> roleIds) {
    public RacerIdentity {
        roleIds = Set.copyOf(roleIds);
    }

    /** The actor the audit log names. */
    public String actor() {
        return "discord:" + discordUserId;
    }
}
