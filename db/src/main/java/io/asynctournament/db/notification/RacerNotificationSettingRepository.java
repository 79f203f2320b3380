package io.asynctournament.db.notification;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static io.asynctournament.db.generated.Tables.RACER;
import static io.asynctournament.db.generated.Tables.RACER_NOTIFICATION_SETTING;

/** Racers' notification choices ({@code racer_notification_setting}); no row means {@link NotificationPreferences#DEFAULT}. */
public final class RacerNotificationSettingRepository {

    /** The choices of the racer with this row id. */
    public NotificationPreferences find(DSLContext dsl, long racerId) {
        return dsl.selectFrom(RACER_NOTIFICATION_SETTING).where(RACER_NOTIFICATION_SETTING.RACER_ID.eq(racerId))
                .fetchOptional(r -> new NotificationPreferences(r.getWarnings(), r.getDm(), instant(r.getDmClosedAt())))
                .orElse(NotificationPreferences.DEFAULT);
    }

    /** The choices of the racer with this Discord user id (the default for a user who never raced). */
    public NotificationPreferences findByDiscordUser(DSLContext dsl, long discordUserId) {
        return dsl.select(RACER.ID).from(RACER).where(RACER.DISCORD_USER_ID.eq(discordUserId)).fetchOptional(RACER.ID)
                .map(id -> find(dsl, id)).orElse(NotificationPreferences.DEFAULT);
    }

    /**
     * Sets the racer's choices; a null keeps the stored (or default) value.
     *
     * @param at when (UTC), stored as {@code updated_at}
     * @return the choices now stored
     */
    public NotificationPreferences set(DSLContext tx, long racerId, Boolean warnings, Boolean dm, Instant at) {
        NotificationPreferences before = find(tx, racerId);
        boolean w = warnings == null ? before.warnings() : warnings;
        boolean d = dm == null ? before.dm() : dm;
        tx.insertInto(RACER_NOTIFICATION_SETTING, RACER_NOTIFICATION_SETTING.RACER_ID,
                        RACER_NOTIFICATION_SETTING.WARNINGS, RACER_NOTIFICATION_SETTING.DM,
                        RACER_NOTIFICATION_SETTING.UPDATED_AT)
                .values(racerId, w, d, at.atOffset(ZoneOffset.UTC))
                .onConflict(RACER_NOTIFICATION_SETTING.RACER_ID).doUpdate()
                .set(RACER_NOTIFICATION_SETTING.WARNINGS, w)
                .set(RACER_NOTIFICATION_SETTING.DM, d)
                .set(RACER_NOTIFICATION_SETTING.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                .execute();
        return new NotificationPreferences(w, d, before.dmClosedAt());
    }

    /** Records that a DM to the racer failed because their DMs are closed ({@code dm_closed_at}, UTC). */
    public void markDmClosed(DSLContext dsl, long racerId, Instant at) {
        dsl.update(RACER_NOTIFICATION_SETTING)
                .set(RACER_NOTIFICATION_SETTING.DM_CLOSED_AT, DSL.val(at.atOffset(ZoneOffset.UTC)))
                .where(RACER_NOTIFICATION_SETTING.RACER_ID.eq(racerId)).execute();
    }

    /** Forgets that the racer's DMs were closed: a DM to them went through since. */
    public void clearDmClosed(DSLContext dsl, long racerId) {
        dsl.update(RACER_NOTIFICATION_SETTING)
                .set(RACER_NOTIFICATION_SETTING.DM_CLOSED_AT, (OffsetDateTime) null)
                .where(RACER_NOTIFICATION_SETTING.RACER_ID.eq(racerId)).execute();
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
