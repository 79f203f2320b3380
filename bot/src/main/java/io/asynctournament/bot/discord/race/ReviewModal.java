package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.ModalHandler;
import io.asynctournament.bot.discord.interaction.ModalRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.jobs.races.RaceService;
import org.springframework.stereotype.Component;

/** The review modal ({@code race:review-form:<raceId>}): flags the racer's finished race for review, once. */
@Component
public final class ReviewModal implements ModalHandler {
    static final String ACTION = "review-form";
    private final RaceService races;

    ReviewModal(RaceService races) {
        this.races = races;
    }

    @Override
    public String key() {
        return "race:" + ACTION;
    }

    @Override
    public Reply handle(ModalRequest request) {
        races.requestReview(RaceIds.first(request), request.caller().userId(),
                request.value(ReviewButton.REASON).orElse(""), request.receivedAt());
        return Reply.text("Flagged for review: the tournament's reviewers will look at this race.");
    }
}
