package io.asynctournament.bot.discord.review;

import io.asynctournament.bot.discord.interaction.ModalHandler;
import io.asynctournament.bot.discord.interaction.ModalRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.db.review.ReviewItem;
import io.asynctournament.jobs.races.ReviewService;
import org.springframework.stereotype.Component;

/**
 * The notes modal of Accept ({@code review:accept-form:<raceId>}): records the review through
 * {@link ReviewService#review} (refused for one's own run, for a run reviewed meanwhile, naming who reviewed it,
 * and for a run that no longer waits for review) and answers with the reviewer's next run.
 */
@Component
public final class ReviewAcceptModal implements ModalHandler {
    private final ReviewService reviews;

    ReviewAcceptModal(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public String key() {
        return ReviewMessages.FEATURE + ":" + ReviewMessages.ACCEPT_FORM;
    }

    @Override
    public Reply handle(ModalRequest request) {
        ReviewItem run = reviews.review(request.caller().requester(), ReviewMessages.raceId(request), true,
                request.value(ReviewMessages.NOTES).orElse(null), request.receivedAt());
        return Reply.message(ReviewMessages.queue(reviews.next(request.caller().requester(), run.tournamentId()),
                "Accepted race " + run.raceId() + " of " + run.racerName() + "; the racer is told.\n"));
    }
}
