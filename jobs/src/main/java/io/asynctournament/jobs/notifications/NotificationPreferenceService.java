package io.asynctournament.jobs.notifications;

import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.notification.NotificationPreferences;
import io.asynctournament.db.notification.RacerNotificationSettingRepository;
import io.asynctournament.db.race.RaceStartRepository;
import io.asynctournament.jobs.errors.UserError;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A racer's notification choices (README "What racers receive"): warnings in the race's thread on or off (forfeits
 * are always posted), and a copy of each notification by DM. They hold for every race of the racer, in every
 * tournament.
 */
public final class NotificationPreferenceService {
    private final DSLContext dsl;
    private final RaceStartRepository racers;
    private final RacerNotificationSettingRepository settings;
    private final AuditLogRepository audit;

    public NotificationPreferenceService(DSLContext dsl, RaceStartRepository racers,
                                         RacerNotificationSettingRepository settings, AuditLogRepository audit) {
        this.dsl = dsl;
        this.racers = racers;
        this.settings = settings;
        this.audit = audit;
    }

    /** The user's choices; the defaults (warnings on, DMs off) for someone who never chose or raced. */
    public NotificationPreferences of(long discordUserId) {
        return settings.findByDiscordUser(dsl, discordUserId);
    }

    /**
     * Sets the user's choices, in one transaction with its audit entry ({@code notification_settings}); a null keeps
     * the current value. A user who never raced becomes a racer named {@code displayName}.
     *
     * @param at when (UTC)
     * @return the choices now stored
     * @throws UserError (bad input) when both choices are null: nothing to set
     */
    public NotificationPreferences set(long discordUserId, String displayName, Boolean warnings, Boolean dm,
                                       Instant at) {
        if (warnings == null && dm == null) {
            throw UserError.badInput("Nothing to set: give warnings, dm or both (on or off).");
        }
        return dsl.transactionResult(tx -> {
            DSLContext c = tx.dsl();
            long racerId = racers.racerId(c, discordUserId)
                    .orElseGet(() -> racers.upsertRacer(c, discordUserId, displayName));
            NotificationPreferences before = settings.find(c, racerId);
            NotificationPreferences after = settings.set(c, racerId, warnings, dm, at);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("warnings_before", before.warnings());
            details.put("dm_before", before.dm());
            details.put("warnings", after.warnings());
            details.put("dm", after.dm());
            audit.insertAll(c, List.of(new AuditEntry("discord:" + discordUserId, "notification_settings",
                    "racer:" + racerId, details, at)));
            return after;
        });
    }
}
