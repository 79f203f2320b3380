package io.asynctournament.db.notification;

import io.asynctournament.db.Json;
import io.asynctournament.db.generated.tables.records.NotificationRecord;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep4;
import org.jooq.JSONB;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;

import static io.asynctournament.db.generated.Tables.NOTIFICATION;

/** The notification outbox. Writes run in the caller's transaction. */
public final class NotificationRepository {

    /** Inserts all notifications in one statement; does nothing for an empty collection. */
    public void insertAll(DSLContext tx, Collection<NewNotification> notifications) {
        if (notifications.isEmpty()) {
            return;
        }
        InsertValuesStep4<NotificationRecord, Long, String, JSONB, OffsetDateTime> insert =
                tx.insertInto(NOTIFICATION, NOTIFICATION.RACE_ID, NOTIFICATION.KIND, NOTIFICATION.PAYLOAD,
                        NOTIFICATION.CREATED_AT);
        for (NewNotification n : notifications) {
            insert = insert.values(n.raceId(), n.kind(), Json.jsonb(n.payload()), n.createdAt().atOffset(ZoneOffset.UTC));
        }
        insert.execute();
    }
}
