package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.Acknowledgement;
import io.asynctournament.bot.discord.interaction.ButtonHandler;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.db.race.RaceView;
import io.asynctournament.jobs.races.RaceService;
import io.asynctournament.jobs.races.ReadyOutcome;
import org.springframework.stereotype.Component;

/**
 * Ready ({@code race:ready:<raceId>}), a deferred edit of the race message. Before the deadline (as Discord received
 * the press) the race starts: the message shows the countdown to GO (the press plus 10 s) with Finish, Forfeit and
 * Timer, and one "GO!" follows at GO. At or after the deadline the race is forfeited at once, whether or not the
 * sweep has run, and the message says so with its buttons disabled. Any other press (not the racer's, already
 * started, ended) is answered ephemerally by the service's refusal and changes nothing.
 */
@Component
public final class ReadyButton implements ButtonHandler {
    private final RaceService races;
    private final GoAnnouncer go;

    ReadyButton(RaceService races, GoAnnouncer go) {
        this.races = races;
        this.go = go;
    }

    @Override
    public String key() {
        return "race:" + RaceMessages.READY;
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.DEFER_EDIT;
    }

    @Override
    public Reply handle(ComponentRequest request) {
        long raceId = RaceIds.first(request);
        ReadyOutcome outcome = races.ready(raceId, request.caller().userId(), request.receivedAt());
        RaceView race = races.view(raceId);
        if (outcome.started()) {
            go.announce(raceId, race.threadId() == null ? request.channelId() : race.threadId(), outcome.goAt());
            return Reply.update(RaceMessages.countdown(race, outcome.goAt()));
        }
        long deadline = outcome.deadline().getEpochSecond();
        return Reply.update(RaceMessages.ended(race, "Ready was pressed at <t:" + request.receivedAt().getEpochSecond()
                + ":T>, after the deadline <t:" + deadline + ":F>: the race is **forfeited** and scores 0."));
    }
}
