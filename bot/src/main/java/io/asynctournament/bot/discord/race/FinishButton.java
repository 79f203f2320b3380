package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.Acknowledgement;
import io.asynctournament.bot.discord.interaction.ButtonHandler;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.db.race.RaceView;
import io.asynctournament.jobs.races.RaceService;
import io.asynctournament.jobs.races.ReattemptService;
import org.springframework.stereotype.Component;

/**
 * Finish ({@code race:finish:<raceId>}), a deferred edit of the race message: the race ends at the press as Discord
 * received it (elapsed = press - GO, however late the bot gets to it) and is scored at once. The race message's
 * buttons are disabled, and a message in the thread shows the time (and the score, unless the tournament hides
 * results) with "Add VOD & notes" and "Flag for review". Refusals (not the racer's, not running, before GO) are
 * answered ephemerally and change nothing.
 */
@Component
public final class FinishButton implements ButtonHandler {
    private final RaceService races;
    private final RaceDiscord discord;
    private final ReattemptService reattempts;

    FinishButton(RaceService races, RaceDiscord discord, ReattemptService reattempts) {
        this.races = races;
        this.discord = discord;
        this.reattempts = reattempts;
    }

    @Override
    public String key() {
        return "race:" + RaceMessages.FINISH;
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.DEFER_EDIT;
    }

    @Override
    public Reply handle(ComponentRequest request) {
        RaceView race = races.finish(RaceIds.first(request), request.caller().userId(), request.receivedAt());
        discord.post(race.threadId() == null ? request.channelId() : race.threadId(), RaceMessages.finished(race,
                reattempts.allowsReattempts(race.tournamentId())),
                "the result of race " + race.raceId());
        return Reply.update(RaceMessages.ended(race, "Finished in **" + RaceMessages.time(race.elapsedSeconds())
                + "**."));
    }
}
