package io.asynctournament.db.notification;

import java.time.Instant;
import java.util.Map;

/**
 * A notification of the outbox as the dispatcher delivers it.
 *
 * @param id        the row's id; the Discord message nonce is derived from it, so a resend is recognised
 * @param raceId    the race whose thread receives it
 * @param kind      what happened, e.g. {@code timeout_warning}; each kind has one renderer in the bot
 * @param payload   kind-specific values written with the change (e.g. {@code deadline}, ISO-8601 with offset)
 * @param createdAt when the change that wrote it committed its transaction (UTC)
 * @param attempts  delivery attempts so far, this one included (the claim counts it)
 */
public record OutboxNotification(long id, long raceId, String kind, Map<String, Object> payload, Instant createdAt,
                                 int attempts) {
}
