package io.asynctournament.bot.notification.texts;

import io.asynctournament.bot.notification.NotificationText;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.notification.OutboxNotification;
import io.asynctournament.db.race.RaceTimeoutRepository;
import io.asynctournament.db.race.RaceView;
import io.asynctournament.jobs.tasks.TournamentTimeouts;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code timeout_warning}: the pending sweep's one warning before the deadline to press Ready (README "What racers
 * receive"). Superseded, not sent late, once the race started or ended, once the deadline passed, or once an admin
 * moved the deadline ({@code /async extend}: the race's deadline is no longer the one the warning was written for; the
 * pending sweep warns again before the new one).
 */
@Component
public final class TimeoutWarningText implements NotificationText {
    private final RaceSettings settings;
    private final Clock clock;

    public TimeoutWarningText(RaceSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return RaceTimeoutRepository.TIMEOUT_WARNING;
    }

    @Override
    public boolean isWarning() {
        return true;
    }

    @Override
    public MessageCreateData render(OutboxNotification notification, RaceView race) {
        Instant deadline = RaceSettings.deadline(notification.payload(), race.timeoutAt());
        TournamentTimeouts timeouts = settings.timeouts(race);
        return new MessageCreateBuilder().setContent("**Your race has not started yet.** Press **Ready** by "
                + RaceSettings.when(deadline) + ", or the race is forfeited and scores 0. ("
                + race.tournamentName() + ": Ready within "
                + RaceSettings.count(timeouts.timeout().value(), "minute") + " of the thread opening; this warning "
                + "comes " + RaceSettings.count(timeouts.warning().value(), "minute") + " before the deadline.)")
                .build();
    }

    @Override
    public Optional<String> supersededReason(OutboxNotification notification, RaceView race) {
        if (race.status() == RaceStatus.in_progress) {
            return Optional.of("the race started before the warning could be delivered");
        }
        if (race.status() != RaceStatus.pending) {
            return Optional.of("the race ended (" + race.status().getLiteral().replace('_', ' ')
                    + ") before the warning could be delivered");
        }
        Instant deadline = RaceSettings.deadline(notification.payload(), race.timeoutAt());
        if (deadline != null && !clock.instant().isBefore(deadline)) {
            return Optional.of("the deadline passed before the warning could be delivered");
        }
        if (deadline != null && race.timeoutAt() != null && !deadline.equals(race.timeoutAt())) {
            return Optional.of("the deadline was moved to " + race.timeoutAt() + " (/async extend) before the "
                    + "warning could be delivered");
        }
        return Optional.empty();
    }
}
