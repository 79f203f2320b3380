package io.asynctournament.db.notification;

import java.time.Instant;
import java.util.Map;

/**
 * A notification to deliver to a race's thread (the outbox row a state change writes in its transaction).
 *
 * @param raceId    the race
 * @param kind      e.g. {@code timeout_warning}, {@code timeout_forfeit}, {@code in_progress_forfeit}
 * @param payload   what the message needs (thread id, racer's Discord user id, deadline…), stored as jsonb
 * @param createdAt a UTC instant
 */
public record NewNotification(long raceId, String kind, Map<String, ?> payload, Instant createdAt) {
}
