package io.asynctournament.db.notification;

import io.asynctournament.db.Json;
import org.jooq.DSLContext;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static io.asynctournament.db.generated.Tables.NOTIFICATION;

/** Writes the notification outbox from a racer's or admin's action, in the caller's transaction. */
public final class NotificationRepository {

    /**
     * Queues a notification for delivery to the race's thread.
     *
     * @param kind    e.g. {@code timeout_forfeit} (the kinds are named in RaceTimeoutRepository)
     * @param payload kind-specific values, such as {@code deadline} (ISO-8601)
     */
    public void insert(DSLContext tx, long raceId, String kind, Map<String, Object> payload, Instant at) {
        tx.insertInto(NOTIFICATION, NOTIFICATION.RACE_ID, NOTIFICATION.KIND, NOTIFICATION.PAYLOAD,
                        NOTIFICATION.CREATED_AT)
                .values(raceId, kind, Json.jsonb(payload), at.atOffset(ZoneOffset.UTC))
                .execute();
    }
}
