package io.asynctournament.bot.notification.texts;

import io.asynctournament.bot.notification.NotificationText;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.notification.OutboxNotification;
import io.asynctournament.db.race.RaceView;
import io.asynctournament.jobs.races.RaceCorrectionService;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * {@code deadline_extended}: an admin gave the racer more time to press Ready ({@code /async extend}). Shows the
 * race's deadline as it is when sent (a second extension moves it again); not sent once the race has started or
 * ended.
 */
@Component
public final class DeadlineExtendedText implements NotificationText {

    @Override
    public String kind() {
        return RaceCorrectionService.DEADLINE_EXTENDED;
    }

    @Override
    public MessageCreateData render(OutboxNotification notification, RaceView race) {
        Instant deadline = race.timeoutAt() != null ? race.timeoutAt()
                : OffsetDateTime.parse(String.valueOf(notification.payload().get("deadline"))).toInstant();
        long at = deadline.getEpochSecond();
        Object minutes = notification.payload().get("minutes");
        return new MessageCreateBuilder().setContent("The tournament's admins gave you more time"
                + (minutes == null ? "" : " (" + minutes + " more minute(s))") + ": press **Ready** before <t:" + at
                + ":F> (<t:" + at + ":R>). You will be warned again before this deadline (unless you turned "
                + "warnings off with `/async notifications`).").build();
    }

    @Override
    public Optional<String> supersededReason(OutboxNotification notification, RaceView race) {
        return race.status() == RaceStatus.pending ? Optional.empty()
                : Optional.of("the race is " + race.status().getLiteral().replace('_', ' ')
                + " now: the new deadline no longer matters");
    }
}
