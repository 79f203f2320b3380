package io.asynctournament.bot.cli.tasks;

import io.asynctournament.db.task.TaskRun;
import io.asynctournament.jobs.control.TaskView;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Prints tasks and runs for the CLI. Times are UTC. */
final class TaskViewFormat {
    private TaskViewFormat() {
    }

    /** One line a task, then its details indented. */
    static void table(List<TaskView> views, PrintWriter out) {
        String format = "%-52s  %-14s  %-26s  %-8s  %-20s  %-8s  %s%n";
        out.printf(Locale.ROOT, format, "id", "scope", "schedule", "active", "last run (UTC)", "status", "duration");
        for (TaskView view : views) {
            TaskRun last = view.lastRun().orElse(null);
            out.printf(Locale.ROOT, format, view.id(), view.scope(), view.task().definition().schedule().describe(),
                    view.task().active() ? (view.scheduled() ? "yes" : "yes*") : "paused",
                    last == null ? "never" : time(last.startedAt()),
                    last == null ? "" : last.status().getLiteral(),
                    last == null || last.durationMs() == null ? "" : last.durationMs() + " ms");
            details(view, out);
        }
        if (views.stream().anyMatch(v -> v.task().active() && !v.scheduled())) {
            out.println("* active, but its recurring job is not in JobRunr yet: the bot process (run) schedules it.");
        }
    }

    /** The indented details of one task. */
    static void details(TaskView view, PrintWriter out) {
        out.println("    config: " + new TreeMap<>(view.task().definition().config()));
        if (!view.nextFireTimes().isEmpty()) {
            out.println("    next: " + view.nextFireTimes().stream().map(TaskViewFormat::time)
                    .collect(Collectors.joining(", ")));
        }
        if (view.pauseReason() != null && !view.task().active()) {
            out.println("    paused: " + view.pauseReason());
        }
        view.lastRun().filter(run -> run.error() != null).ifPresent(run -> out.println("    last error: " + run.error()));
        if (view.last24h().runs() > 0) {
            out.printf(Locale.ROOT, "    last 24 h: %d run(s), %.0f%% success, median %.0f ms%n",
                    view.last24h().runs(), view.last24h().successRate() * 100, view.last24h().medianDurationMs());
        }
    }

    /** One line a run, newest first. */
    static void runs(List<TaskRun> runs, PrintWriter out) {
        if (runs.isEmpty()) {
            out.println("no runs yet");
            return;
        }
        String format = "%-20s  %-8s  %10s  %-24s  %s%n";
        out.printf(Locale.ROOT, format, "started (UTC)", "status", "duration", "trigger", "counts / error");
        for (TaskRun run : runs) {
            out.printf(Locale.ROOT, format, time(run.startedAt()), run.status().getLiteral(),
                    run.durationMs() == null ? "" : run.durationMs() + " ms", run.trigger(),
                    new TreeMap<>(run.counts()) + (run.error() == null ? "" : "  error: " + run.error()));
        }
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ');
    }
}
