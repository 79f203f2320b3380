package io.asynctournament.bot.discord.review;

import io.asynctournament.bot.discord.interaction.ModalHandler;
import io.asynctournament.bot.discord.interaction.ModalRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.db.review.ReviewItem;
import io.asynctournament.jobs.races.ReviewService;
import org.springframework.stereotype.Component;

/**
 * The notes modal of Reject ({@code review:reject-form:<raceId>}): records the review through
 * {@link ReviewService#review} (refused for one's own run, for a run reviewed meanwhile, naming who reviewed it,
 * and for a run that no longer waits for review) and answers with the reviewer's next run.
 */
@Component
public final class ReviewRejectModal implements ModalHandler {
    private final ReviewService reviews;

    ReviewRejectModal(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public String key() {
        return ReviewMessages.FEATURE + ":" + ReviewMessages.REJECT_FORM;
    }

    @Override
    public Reply handle(ModalRequest request) {
        ReviewItem run = reviews.review(request.caller().requester(), ReviewMessages.raceId(request), false,
                request.value(ReviewMessages.NOTES).orElse(null), request.receivedAt());
        return Reply.message(ReviewMessages.queue(reviews.next(request.caller().requester(), run.tournamentId()),
                "Rejected race " + run.raceId() + " of " + run.racerName() + " (it now scores 0 and leaves the par time); the racer is told.\n"));
    }
}
