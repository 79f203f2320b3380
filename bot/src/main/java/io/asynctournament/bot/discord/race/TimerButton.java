package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.ButtonHandler;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.jobs.races.RaceService;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** Timer ({@code race:timer:<raceId>}): the racer's elapsed time at the press, ephemerally. Changes nothing. */
@Component
public final class TimerButton implements ButtonHandler {
    private final RaceService races;

    TimerButton(RaceService races) {
        this.races = races;
    }

    @Override
    public String key() {
        return "race:" + RaceMessages.TIMER;
    }

    @Override
    public Reply handle(ComponentRequest request) {
        long raceId = RaceIds.first(request);
        Duration elapsed = races.elapsed(raceId, request.caller().userId(), request.receivedAt());
        if (elapsed.isNegative()) {
            long go = request.receivedAt().minus(elapsed).getEpochSecond();
            return Reply.text("Not started yet: GO <t:" + go + ":R>.");
        }
        return Reply.text("Elapsed: **" + RaceMessages.time(elapsed) + "** (at your press).");
    }
}
