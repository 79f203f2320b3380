package io.asynctournament.bot.discord.review;

import io.asynctournament.bot.discord.interaction.Acknowledgement;
import io.asynctournament.bot.discord.interaction.ButtonHandler;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.jobs.races.ReviewService;
import org.springframework.stereotype.Component;

/**
 * Accept ({@code review:accept:<raceId>}) under a run to review: opens the notes modal at once (optional notes);
 * {@link ReviewAcceptModal} records the review. Every check is made on submit.
 */
@Component
public final class ReviewAcceptButton implements ButtonHandler {

    @Override
    public String key() {
        return ReviewMessages.FEATURE + ":" + ReviewMessages.ACCEPT;
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.IMMEDIATE;
    }

    @Override
    public Reply handle(ComponentRequest request) {
        long raceId = ReviewMessages.raceId(request);
        return Reply.paragraphModal(ReviewMessages.id(ReviewMessages.ACCEPT_FORM, raceId).encode(),
                "Accept race " + raceId, "Notes (optional; the racer sees them)", ReviewMessages.NOTES, false,
                ReviewService.MAX_NOTES);
    }
}
