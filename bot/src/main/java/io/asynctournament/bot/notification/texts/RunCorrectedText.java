package io.asynctournament.bot.notification.texts;

import io.asynctournament.bot.notification.NotificationText;
import io.asynctournament.db.notification.OutboxNotification;
import io.asynctournament.db.race.RaceView;
import io.asynctournament.jobs.races.RaceCorrectionService;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Map;

/**
 * {@code run_corrected}: an admin corrected the racer's result ({@code /async update-run}). Shows the result before
 * and after, the reason, and the score now, unless the tournament hides results while it is open.
 */
@Component
public final class RunCorrectedText implements NotificationText {

    @Override
    public String kind() {
        return RaceCorrectionService.RUN_CORRECTED;
    }

    @Override
    public MessageCreateData render(OutboxNotification notification, RaceView race) {
        Map<String, Object> payload = notification.payload();
        StringBuilder text = new StringBuilder("Your result in **").append(race.tournamentName()).append("** (")
                .append(race.poolName()).append(") was corrected by the tournament's admins on <t:")
                .append(notification.createdAt().getEpochSecond()).append(":F>: ")
                .append(result(payload.get("before"))).append(" → ").append(result(payload.get("after")))
                .append(".\nReason: ").append(payload.getOrDefault("reason", "none given"));
        if (scoreVisible(race) && race.score() != null) {
            text.append("\nYour score now: **").append(String.format(Locale.ROOT, "%.2f", race.score()))
                    .append("**.");
        }
        return new MessageCreateBuilder().setContent(text.toString()).build();
    }

    /** Racers see scores unless the tournament hides results and is still open (README "Hidden results"). */
    static boolean scoreVisible(RaceView race) {
        return !(race.hideResults() && race.tournamentActive());
    }

    private static String result(Object values) {
        if (!(values instanceof Map<?, ?> map)) {
            return "**unknown**";
        }
        String status = String.valueOf(map.get("status")).replace('_', ' ');
        Object elapsed = map.get("elapsed");
        return "**" + status + (elapsed == null || "none".equals(elapsed) ? "" : " in " + elapsed) + "**";
    }
}
