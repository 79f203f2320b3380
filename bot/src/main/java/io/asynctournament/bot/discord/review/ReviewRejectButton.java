package io.asynctournament.bot.discord.review;

import io.asynctournament.bot.discord.interaction.Acknowledgement;
import io.asynctournament.bot.discord.interaction.ButtonHandler;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.jobs.races.ReviewService;
import org.springframework.stereotype.Component;

/**
 * Reject ({@code review:reject:<raceId>}) under a run to review: opens the notes modal at once (notes required: the
 * racer is told why); {@link ReviewRejectModal} records the review. Every check is made on submit.
 */
@Component
public final class ReviewRejectButton implements ButtonHandler {

    @Override
    public String key() {
        return ReviewMessages.FEATURE + ":" + ReviewMessages.REJECT;
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.IMMEDIATE;
    }

    @Override
    public Reply handle(ComponentRequest request) {
        long raceId = ReviewMessages.raceId(request);
        return Reply.paragraphModal(ReviewMessages.id(ReviewMessages.REJECT_FORM, raceId).encode(),
                "Reject race " + raceId, "Why? (the racer is told; the run scores 0)", ReviewMessages.NOTES, true,
                ReviewService.MAX_NOTES);
    }
}
