package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.Acknowledgement;
import io.asynctournament.bot.discord.interaction.ButtonHandler;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.jobs.races.RaceService;
import org.springframework.stereotype.Component;

/** "Flag for review" ({@code race:review:<raceId>}) under a finished race: opens the reason modal at once. */
@Component
public final class ReviewButton implements ButtonHandler {
    static final String REASON = "reason";

    @Override
    public String key() {
        return "race:" + RaceMessages.REVIEW;
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.IMMEDIATE;
    }

    @Override
    public Reply handle(ComponentRequest request) {
        long raceId = RaceIds.first(request);
        return Reply.paragraphModal(RaceIds.of(ReviewModal.ACTION, raceId).encode(), "Flag for review",
                "Why should the reviewers look at this race?", REASON, true, RaceService.MAX_NOTES);
    }
}
