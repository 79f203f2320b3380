package io.asynctournament.bot.notification.texts;

import io.asynctournament.bot.notification.NotificationText;
import io.asynctournament.db.notification.OutboxNotification;
import io.asynctournament.db.race.RaceView;
import io.asynctournament.jobs.races.ReviewService;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.springframework.stereotype.Component;

/**
 * The racer is told that a reviewer accepted their run ({@code review_accepted}), with the reviewer's notes if any
 * (README "Review"). It shows no score, so it holds under {@code hide_results}.
 */
@Component
public final class ReviewAcceptedText implements NotificationText {

    @Override
    public String kind() {
        return ReviewService.REVIEW_ACCEPTED;
    }

    @Override
    public MessageCreateData render(OutboxNotification notification, RaceView race) {
        String notes = payload(notification, "notes");
        return MessageCreateData.fromContent("Your run (race " + race.raceId() + ", " + race.poolName() + ") was "
                + "**accepted** by the reviewers of " + race.tournamentName() + "."
                + (notes.isEmpty() ? "" : "\nReviewer's notes: " + notes));
    }

    static String payload(OutboxNotification notification, String key) {
        Object value = notification.payload().get(key);
        return value == null ? "" : value.toString().strip();
    }
}
