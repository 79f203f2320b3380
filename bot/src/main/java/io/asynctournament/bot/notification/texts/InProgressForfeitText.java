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
 * {@code in_progress_forfeit}: a started race not finished within the tournament's {@code max_hours} was forfeited
 * by the in-progress sweep (README "What racers receive"). Ends the race: its buttons are disabled.
 */
@Component
public final class InProgressForfeitText implements NotificationText {
    private final RaceSettings settings;

    public InProgressForfeitText(RaceSettings settings) {
        this.settings = settings;
    }

    @Override
    public String kind() {
        return RaceTimeoutRepository.IN_PROGRESS_FORFEIT;
    }

    @Override
    public boolean endsRace() {
        return true;
    }

    @Override
    public MessageCreateData render(OutboxNotification notification, RaceView race) {
        Instant deadline = RaceSettings.deadline(notification.payload(), null);
        TournamentTimeouts timeouts = settings.timeouts(race);
        StringBuilder text = new StringBuilder("**Your race was forfeited**: it was not finished within ")
                .append(race.tournamentName()).append("'s ")
                .append(RaceSettings.count(timeouts.maxHours().value(), "hour")).append(" from GO");
        if (race.startedAt() != null) {
            text.append(" (GO was <t:").append(race.startedAt().getEpochSecond()).append(":F>");
            if (deadline != null) {
                text.append(", the limit <t:").append(deadline.getEpochSecond()).append(":F>");
            }
            text.append(")");
        }
        text.append(". A forfeit scores 0 and cannot be undone.");
        return new MessageCreateBuilder().setContent(text.toString()).build();
    }
}
