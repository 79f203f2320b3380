package io.asynctournament.bot.discord.tasks;

import io.asynctournament.db.task.TaskRun;
import io.asynctournament.jobs.control.TaskView;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.TimeFormat;

import java.awt.Color;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Builds the replies of {@code /tasks}: embeds with schedule, next fire times as Discord timestamps, last run. */
public final class TaskEmbeds {
    static final Color OK = new Color(0x2e7d32);
    static final Color PAUSED = new Color(0x9e9e9e);
    static final Color ERROR = new Color(0xc62828);
    /** Discord shows at most 25 fields in an embed. */
    private static final int MAX_FIELDS = 25;

    private TaskEmbeds() {
    }

    /** One task in full. */
    public static MessageEmbed task(String title, TaskView view) {
        EmbedBuilder embed = new EmbedBuilder().setTitle(title).setColor(view.task().active() ? OK : PAUSED);
        embed.addField("Task", "`" + view.id() + "` (" + view.scope() + ")", false);
        fields(embed, view);
        return embed.build();
    }

    /** Several tasks, one field each. */
    public static MessageEmbed list(List<TaskView> views) {
        return list(views, Optional.empty());
    }

    /** Several tasks, one field each, with a notice above them (the notification backlog while it is stuck). */
    public static MessageEmbed list(List<TaskView> views, Optional<String> notice) {
        EmbedBuilder embed = new EmbedBuilder().setTitle("Tasks").setColor(OK);
        String description = notice.map(text -> "⚠️ " + text + "\n").orElse("");
        if (views.isEmpty()) {
            description += "No task you may manage. Create this server's own with `/tasks create`.";
        }
        if (!description.isEmpty()) {
            embed.setDescription(description.strip());
        }
        int shown = Math.min(views.size(), MAX_FIELDS);
        for (TaskView view : views.subList(0, shown)) {
            embed.addField(view.id(), summary(view), false);
        }
        if (views.size() > shown) {
            embed.setFooter((views.size() - shown) + " more: name one with /tasks history or the CLI's tasks list");
        }
        return embed.build();
    }

    /** A task's last runs. */
    public static MessageEmbed history(String taskId, List<TaskRun> runs) {
        EmbedBuilder embed = new EmbedBuilder().setTitle("History of " + taskId).setColor(OK);
        if (runs.isEmpty()) {
            embed.setDescription("No runs yet.");
        }
        StringBuilder lines = new StringBuilder();
        for (TaskRun run : runs) {
            String line = TimeFormat.DATE_TIME_SHORT.format(run.startedAt()) + " **" + run.status().getLiteral() + "** "
                    + (run.durationMs() == null ? "" : run.durationMs() + " ms ") + "by " + run.trigger() + " "
                    + new TreeMap<>(run.counts()) + (run.error() == null ? "" : " — " + truncate(run.error(), 200));
            if (lines.length() + line.length() > 4000) {
                break;
            }
            lines.append(line).append('\n');
        }
        if (!lines.isEmpty()) {
            embed.setDescription(lines.toString());
        }
        return embed.build();
    }

    /** A short message: an error, a refusal, or a plain confirmation. */
    public static MessageEmbed message(String title, String text, boolean error) {
        return new EmbedBuilder().setTitle(title).setDescription(truncate(text, 4000)).setColor(error ? ERROR : OK)
                .build();
    }

    private static void fields(EmbedBuilder embed, TaskView view) {
        embed.addField("Schedule", view.task().definition().schedule().describe(), true);
        embed.addField("State", view.task().active() ? "active" : "paused"
                + (view.pauseReason() == null ? "" : " (" + view.pauseReason() + ")"), true);
        embed.addField("Config", "`" + new TreeMap<>(view.task().definition().config()) + "`", false);
        if (!view.nextFireTimes().isEmpty()) {
            embed.addField("Next runs", view.nextFireTimes().stream().map(TaskEmbeds::timestamp)
                    .collect(Collectors.joining(", ")), false);
        }
        embed.addField("Last run", view.lastRun().map(TaskEmbeds::run).orElse("never"), false);
        if (view.last24h().runs() > 0) {
            embed.addField("Last 24 h", String.format(Locale.ROOT, "%d run(s), %.0f%% success, median %.0f ms",
                    view.last24h().runs(), view.last24h().successRate() * 100, view.last24h().medianDurationMs()), false);
        }
    }

    private static String summary(TaskView view) {
        return view.scope() + " · " + view.task().definition().schedule().describe() + " · "
                + (view.task().active() ? "active" : "paused")
                + (view.nextFireTimes().isEmpty() ? "" : " · next " + timestamp(view.nextFireTimes().get(0)))
                + "\nlast run: " + view.lastRun().map(TaskEmbeds::run).orElse("never");
    }

    private static String run(TaskRun run) {
        return TimeFormat.RELATIVE.format(run.startedAt()) + " " + run.status().getLiteral()
                + (run.durationMs() == null ? "" : " in " + run.durationMs() + " ms")
                + (run.error() == null ? "" : "\nerror: " + truncate(run.error(), 300));
    }

    private static String timestamp(Instant instant) {
        return TimeFormat.DATE_TIME_SHORT.format(instant);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
