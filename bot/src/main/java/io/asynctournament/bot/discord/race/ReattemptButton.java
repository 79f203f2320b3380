package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.Acknowledgement;
import io.asynctournament.bot.discord.interaction.ButtonHandler;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.jobs.races.ReattemptService;
import org.springframework.stereotype.Component;

/**
 * "Reattempt" ({@code race:reattempt:<raceId>}) under a finished or forfeited race of a tournament that allows
 * reattempts: opens the reason modal at once; {@link ReattemptModal} marks the run (README "Reattempts").
 */
@Component
public final class ReattemptButton implements ButtonHandler {
    static final String REASON = "reason";

    @Override
    public String key() {
        return "race:" + RaceMessages.REATTEMPT;
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.IMMEDIATE;
    }

    @Override
    public Reply handle(ComponentRequest request) {
        long raceId = RaceIds.first(request);
        return Reply.paragraphModal(RaceIds.of(ReattemptModal.ACTION, raceId).encode(), "Reattempt this run",
                "Why? The run will no longer count.", REASON, true, ReattemptService.MAX_REASON);
    }
}
