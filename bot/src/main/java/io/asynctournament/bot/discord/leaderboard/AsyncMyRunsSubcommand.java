package io.asynctournament.bot.discord.leaderboard;

import io.asynctournament.bot.cli.LeaderboardFormat;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.bot.discord.tournament.AsyncOptions;
import io.asynctournament.bot.discord.tournament.AsyncSubcommand;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.race.RacerRun;
import io.asynctournament.jobs.leaderboards.LeaderboardService;
import io.asynctournament.jobs.validation.Names;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.awt.Color;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code /async my-runs [tournament]}: the caller's own runs in this server's tournaments (or in one), ephemerally:
 * pool, permalink, status, elapsed time, score (unless the tournament hides results from them, README "Leaderboards"),
 * VOD link, reattempted flag, review status and thread. At most {@value LeaderboardEmbeds#PAGE_SIZE} runs are shown
 * (the first, by tournament); the answer says how many more there are.
 */
@Component
@Order(320)
public final class AsyncMyRunsSubcommand implements AsyncSubcommand {
    private static final Color COLOR = new Color(0x1565c0);
    private final LeaderboardService leaderboards;

    public AsyncMyRunsSubcommand(LeaderboardService leaderboards) {
        this.leaderboards = leaderboards;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("my-runs", "Your runs: status, time, score when shown, VOD")
                .addOptions(new OptionData(OptionType.STRING, AsyncOptions.TOURNAMENT,
                        "Only this tournament's runs", false, true).setMaxLength(Names.MAX_LENGTH));
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        String tournament = request.options().string(AsyncOptions.TOURNAMENT).orElse(null);
        List<RacerRun> runs = leaderboards.myRuns(request.caller().requester(), tournament);
        EmbedBuilder embed = new EmbedBuilder().setColor(COLOR).setTitle(LeaderboardEmbeds.cut(tournament == null
                ? "Your runs" : "Your runs in " + tournament.strip(), MessageEmbed.TITLE_MAX_LENGTH));
        if (runs.isEmpty()) {
            embed.setDescription(tournament == null ? "You have no runs in this server's tournaments yet."
                    : "You have no runs in " + tournament.strip() + " yet.");
        } else {
            int shown = Math.min(runs.size(), LeaderboardEmbeds.PAGE_SIZE);
            embed.setDescription(runs.size() + " run(s)" + (shown < runs.size() ? "; the first " + shown
                    + " are shown: pick a tournament to see its runs" : "") + ".");
            runs.subList(0, shown).forEach(run -> embed.addField(name(run), value(run), false));
        }
        return Reply.embed(embed.build());
    }

    private static String name(RacerRun run) {
        String name = Names.printable(run.tournamentName(), Names.MAX_LENGTH) + " — "
                + Names.printable(run.poolName(), Names.MAX_LENGTH) + (run.attempt() > 1 ? " (attempt "
                + run.attempt() + ")" : "");
        return LeaderboardEmbeds.cut(name, MessageEmbed.TITLE_MAX_LENGTH);
    }

    private static String value(RacerRun run) {
        StringBuilder v = new StringBuilder("**").append(status(run.status())).append("**");
        if (run.elapsedSeconds() != null) {
            v.append(" in ").append(time(run.elapsedSeconds()));
        }
        if (run.reattempted()) {
            v.append(" · **reattempted** (counts for nothing)");
        }
        if (ended(run.status())) {
            v.append("\nScore: ").append(score(run)).append(" · review: ").append(run.reviewStatus().getLiteral());
        }
        v.append("\nVOD: ").append(run.vodUrl() == null ? "none" : "<" + run.vodUrl() + ">");
        if (run.threadId() != null) {
            v.append(" · thread: <#").append(run.threadId()).append('>');
        }
        String permalink = "\nPermalink: <" + MarkdownSanitizer.escape(run.permalinkUrl()) + ">";
        int room = MessageEmbed.VALUE_MAX_LENGTH - v.length();
        return v + (permalink.length() <= room ? permalink : LeaderboardEmbeds.cut(permalink, Math.max(room, 1)));
    }

    private static String score(RacerRun run) {
        if (run.score() != null) {
            return "**" + LeaderboardFormat.rounded(run.score()) + "**";
        }
        if (run.reattempted()) {
            return "none";
        }
        return run.hideResults() && run.tournamentActive() ? "hidden until the tournament closes" : "not yet scored";
    }

    private static boolean ended(RaceStatus status) {
        return status == RaceStatus.finished || status == RaceStatus.forfeit || status == RaceStatus.disqualified;
    }

    private static String status(RaceStatus status) {
        return switch (status) {
            case pending -> "Pending (Ready not pressed)";
            case in_progress -> "In progress";
            case finished -> "Finished";
            case forfeit -> "Forfeited";
            case disqualified -> "Disqualified";
        };
    }

    /** Seconds as {@code h:mm:ss.mmm}, as the race thread shows them. */
    static String time(BigDecimal seconds) {
        Duration d = Duration.ofMillis(seconds.movePointRight(3).longValue());
        return String.format(Locale.ROOT, "%d:%02d:%02d.%03d", d.toHours(), d.toMinutesPart(), d.toSecondsPart(),
                d.toMillisPart());
    }
}
