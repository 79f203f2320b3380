package io.asynctournament.bot.discord.leaderboard;

import io.asynctournament.bot.cli.LeaderboardFormat;
import io.asynctournament.bot.discord.interaction.ComponentId;
import io.asynctournament.db.scoring.LeaderboardRow;
import io.asynctournament.jobs.leaderboards.Standings;
import io.asynctournament.jobs.validation.Names;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * How Discord shows a leaderboard (README "Leaderboards"): one embed field per racer, {@value #PAGE_SIZE} to a page
 * (Discord's limit of fields per embed), with the numbers of the CLI's table ({@link LeaderboardFormat#rounded}) and
 * its CSV ({@link LeaderboardFormat#csv}) as the attachment.
 */
final class LeaderboardEmbeds {
    /** Racers per page: Discord allows 25 fields in an embed. */
    static final int PAGE_SIZE = 25;
    static final String FEATURE = "leaderboard";
    static final String PREVIOUS = "previous";
    static final String NEXT = "next";
    private static final Color COLOR = new Color(0xf9a825);
    private static final Color HIDDEN = new Color(0x616161);

    private LeaderboardEmbeds() {
    }

    /** How many pages the standings take (at least 1). */
    static int pages(Standings standings) {
        return Math.max(1, (standings.rows().size() + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    /** Page {@code page} (1-based) of the standings, for someone who may see them. */
    static MessageEmbed page(Standings standings, int page) {
        int pages = pages(standings);
        StringBuilder about = new StringBuilder(summary(standings));
        if (pages > 1) {
            about.append(" · page ").append(page).append(" of ").append(pages);
        }
        if (standings.hidden()) {
            about.append("\n**Hidden from racers** until the tournament closes: you see this as its admin.");
        }
        about.append(unscored(standings));
        EmbedBuilder embed = new EmbedBuilder().setTitle(title(standings)).setColor(COLOR)
                .setDescription(about.toString());
        addRows(embed, standings.rows(), (page - 1) * PAGE_SIZE);
        return embed.build();
    }

    /** The live message: the first page and when it was updated, or no numbers at all while results are hidden. */
    static MessageEmbed live(Standings standings, Instant updatedAt) {
        if (standings.hidden()) {
            return new EmbedBuilder().setTitle(title(standings)).setColor(HIDDEN)
                    .setDescription("Results are hidden until the tournament closes.").build();
        }
        StringBuilder about = new StringBuilder(summary(standings)).append(" · updated <t:")
                .append(updatedAt.getEpochSecond()).append(":R>");
        if (standings.rows().size() > PAGE_SIZE) {
            about.append("\nThe first ").append(PAGE_SIZE).append(" are shown; `/async leaderboard` shows all, "
                    + "with the CSV.");
        }
        about.append(unscored(standings));
        EmbedBuilder embed = new EmbedBuilder().setTitle(title(standings)).setColor(COLOR)
                .setDescription(about.toString());
        addRows(embed, standings.rows(), 0);
        return embed.build();
    }

    /** Previous and Next, when there is more than one page; their ids carry the page they show (1-based). */
    static List<ActionRow> pager(Standings standings, int page) {
        int pages = pages(standings);
        if (pages <= 1) {
            return List.of();
        }
        long id = standings.tournament().id();
        Button previous = Button.secondary(ComponentId.of(FEATURE, PREVIOUS, id, Math.max(1, page - 1)).encode(),
                "Previous");
        Button next = Button.secondary(ComponentId.of(FEATURE, NEXT, id, Math.min(pages, page + 1)).encode(), "Next");
        return List.of(ActionRow.of(page <= 1 ? previous.asDisabled() : previous,
                page >= pages ? next.asDisabled() : next));
    }

    /** The standings as the CLI's {@code leaderboard --format csv} prints them. */
    static FileUpload csv(Standings standings) {
        StringBuilder csv = new StringBuilder();
        LeaderboardFormat.csv.print(standings.rows(), csv);
        String base = standings.tournament().name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        return FileUpload.fromData(csv.toString().getBytes(StandardCharsets.UTF_8),
                (base.isEmpty() ? "tournament" : base) + "-leaderboard.csv");
    }

    /** A racer's numbers, as one field's value. */
    static String numbers(LeaderboardRow row) {
        return "score **" + LeaderboardFormat.rounded(row.score()) + "** · estimate "
                + (row.estimate() == null ? "none" : LeaderboardFormat.rounded(row.estimate())) + " · finished "
                + row.finished() + " · forfeited " + row.forfeited();
    }

    private static void addRows(EmbedBuilder embed, List<LeaderboardRow> rows, int from) {
        for (LeaderboardRow row : rows.subList(Math.min(from, rows.size()), Math.min(from + PAGE_SIZE, rows.size()))) {
            String name = "#" + row.rank() + " " + MarkdownSanitizer.escape(Names.printable(row.racer(), Names.MAX_LENGTH));
            embed.addField(cut(name, MessageEmbed.TITLE_MAX_LENGTH), numbers(row), false);
        }
    }

    private static String title(Standings standings) {
        return cut(standings.tournament().name() + " — leaderboard", MessageEmbed.TITLE_MAX_LENGTH);
    }

    private static String summary(Standings standings) {
        if (standings.rows().isEmpty()) {
            return "No runs yet.";
        }
        return standings.rows().size() + " racer(s); a score is the mean over " + standings.slots()
                + " slot(s) (pools × runs per pool), best runs first";
    }

    private static String unscored(Standings standings) {
        return standings.unscored() == 0 ? "" : "\n" + standings.unscored() + " run(s) have no score yet: the score "
                + "task scores them at its next run.";
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
