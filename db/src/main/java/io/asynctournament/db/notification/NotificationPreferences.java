package io.asynctournament.db.notification;

import java.time.Instant;

/**
 * A racer's choices for the notifications of their races (README "What racers receive"): {@code /async notifications}.
 *
 * @param warnings   whether warnings are posted in the race's thread (forfeits always are); default true
 * @param dm         whether a copy of each notification goes by DM as well; default false
 * @param dmClosedAt the last time a DM could not be sent because the racer's DMs are closed (UTC), or null; cleared
 *                   once a later DM goes through
 */
public record NotificationPreferences(boolean warnings, boolean dm, Instant dmClosedAt) {
    /** A racer who never chose: warnings on, DMs off. */
    public static final NotificationPreferences DEFAULT = new NotificationPreferences(true, false, null);
}
