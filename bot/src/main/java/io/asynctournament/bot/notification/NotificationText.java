package io.asynctournament.bot.notification;

import io.asynctournament.db.notification.OutboxNotification;
import io.asynctournament.db.race.RaceView;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

import java.util.Optional;

/**
 * How one kind of outbox notification reads in its race's thread (README "What racers receive"). One {@code @Component}
 * per kind; the dispatcher finds them by type. It adds the racer's mention (with {@code allowed_mentions} limited to
 * that racer) and the message nonce, posts to the race's thread and, when the racer asked for it, a copy by DM.
 */
public interface NotificationText {

    /** The notification kind this bean renders, e.g. {@code timeout_warning}; unique among the beans. */
    String kind();

    /**
     * The message for this notification of this race, as of now (read the real settings, give instants as Discord
     * timestamps {@code <t:EPOCH_SECONDS:F>}). No mention needed: the dispatcher adds it.
     */
    MessageCreateData render(OutboxNotification notification, RaceView race);

    /** True for a warning: not posted when the racer turned warnings off ({@code /async notifications}). */
    default boolean isWarning() {
        return false;
    }

    /** True when the change ended the race: the dispatcher then disables the buttons of the race's messages. */
    default boolean endsRace() {
        return false;
    }

    /**
     * Why the notification should not be sent any more (it is then marked superseded, not sent late), e.g. a warning
     * whose race started or ended before delivery; empty to send it.
     */
    default Optional<String> supersededReason(OutboxNotification notification, RaceView race) {
        return Optional.empty();
    }
}
