package io.asynctournament.bot.notification.texts;

import io.asynctournament.bot.notification.NotificationText;
import io.asynctournament.db.notification.OutboxNotification;
import io.asynctournament.db.race.RaceView;
import io.asynctournament.jobs.races.ReattemptService;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.springframework.stereotype.Component;

/**
 * The racer is told that an admin made their reattempted run count again ({@code reattempt_unmarked}), with the
 * reason (README "Reattempts"). It shows no score, so it holds under {@code hide_results}.
 */
@Component
public final class ReattemptUnmarkedText implements NotificationText {

    @Override
    public String kind() {
        return ReattemptService.REATTEMPT_UNMARKED;
    }

    @Override
    public MessageCreateData render(OutboxNotification notification, RaceView race) {
        return MessageCreateData.fromContent("An admin of " + race.tournamentName() + " made your run (race "
                + race.raceId() + ", " + race.poolName() + ") **count again**: it is no longer reattempted.\nReason: "
                + payload(notification, "reason"));
    }

    static String payload(OutboxNotification notification, String key) {
        Object value = notification.payload().get(key);
        return value == null ? "" : value.toString().strip();
    }
}
