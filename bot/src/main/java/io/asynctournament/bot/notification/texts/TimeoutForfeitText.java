package io.asynctournament.bot.notification.texts;

import io.asynctournament.bot.notification.NotificationText;
import io.asynctournament.db.notification.OutboxNotification;
import io.asynctournament.db.race.RaceTimeoutRepository;
import io.asynctournament.db.race.RaceView;
import io.asynctournament.jobs.tasks.TournamentTimeouts;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * {@code timeout_forfeit}: a race not started by its deadline was forfeited, by the pending sweep or by a Ready
 * pressed too late (README "What racers receive"). Ends the race: its buttons are disabled.
 */
@Component
public final class TimeoutForfeitText implements NotificationText {
    private final RaceSettings settings;

    public TimeoutForfeitText(RaceSettings settings) {
        this.settings = settings;
    }

    @Override
    public String kind() {
        return RaceTimeoutRepository.TIMEOUT_FORFEIT;
    }

    @Override
    public boolean endsRace() {
        return true;
    }

    @Override
    public MessageCreateData render(OutboxNotification notification, RaceView race) {
        Instant deadline = RaceSettings.deadline(notification.payload(), race.timeoutAt());
        TournamentTimeouts timeouts = settings.timeouts(race);
        long at = deadline.getEpochSecond();
        return new MessageCreateBuilder().setContent("**Your race was forfeited**: Ready was not pressed before the "
                + "deadline, <t:" + at + ":F>. " + race.tournamentName() + " gives "
                + RaceSettings.count(timeouts.timeout().value(), "minute") + " from the thread opening to press "
                + "Ready. A forfeit scores 0 and cannot be undone.").build();
    }
}
