package io.asynctournament.bot.notification.texts;

import io.asynctournament.bot.notification.NotificationText;
import io.asynctournament.db.notification.OutboxNotification;
import io.asynctournament.db.race.RaceView;
import io.asynctournament.jobs.races.ReattemptService;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.springframework.stereotype.Component;

/**
 * The racer is told that an admin marked their run reattempted on their behalf ({@code reattempt_marked}), with the
 * reason (README "Reattempts"). It shows no score, so it holds under {@code hide_results}.
 */
@Component
public final class ReattemptMarkedText implements NotificationText {

    @Override
    public String kind() {
        return ReattemptService.REATTEMPT_MARKED;
    }

    @Override
    public MessageCreateData render(OutboxNotification notification, RaceView race) {
        return MessageCreateData.fromContent("An admin of " + race.tournamentName() + " marked your run (race "
                + race.raceId() + ", " + race.poolName() + ") **reattempted**: it no longer counts for the par time "
                + "or the leaderboard" + (race.tournamentActive() ? ", and you may run " + race.poolName()
                + " again (press Start in the tournament's channel)" : "") + ".\nReason: "
                + payload(notification, "reason"));
    }

    static String payload(OutboxNotification notification, String key) {
        Object value = notification.payload().get(key);
        return value == null ? "" : value.toString().strip();
    }
}
