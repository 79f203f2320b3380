package io.asynctournament.bot.notification.texts;

import io.asynctournament.bot.notification.NotificationText;
import io.asynctournament.db.notification.OutboxNotification;
import io.asynctournament.db.race.RaceView;
import io.asynctournament.jobs.races.ReviewService;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.springframework.stereotype.Component;

/**
 * The racer is told that a reviewer rejected their run ({@code review_rejected}): it scores 0 and leaves the par
 * time; the reviewer's notes follow (README "Review"). It shows no score, so it holds under {@code hide_results}.
 */
@Component
public final class ReviewRejectedText implements NotificationText {

    @Override
    public String kind() {
        return ReviewService.REVIEW_REJECTED;
    }

    @Override
    public MessageCreateData render(OutboxNotification notification, RaceView race) {
        String notes = payload(notification, "notes");
        return MessageCreateData.fromContent("Your run (race " + race.raceId() + ", " + race.poolName() + ") was "
                + "**rejected** by the reviewers of " + race.tournamentName() + ": it scores 0 and no longer counts "
                + "for the par time." + (notes.isEmpty() ? "" : "\nReviewer's notes: " + notes)
                + "\nQuestions? Ask the tournament's admins.");
    }

    static String payload(OutboxNotification notification, String key) {
        Object value = notification.payload().get(key);
        return value == null ? "" : value.toString().strip();
    }
}
