package io.asynctournament.bot.discord.tournament;

import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.db.tournament.TournamentSetupRepository.Grant;
import io.asynctournament.db.tournament.TournamentSetupRepository.PoolSummary;
import io.asynctournament.jobs.tasks.TaskConfigKeys;
import io.asynctournament.jobs.tasks.TournamentTimeouts;
import io.asynctournament.jobs.validation.Names;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;

import java.awt.Color;
import java.util.List;

/** The embeds the {@code /async} admin subcommands answer with. */
public final class TournamentEmbeds {
    static final Color DONE = new Color(0x2e7d32);
    private static final int MAX_FIELD = MessageEmbed.VALUE_MAX_LENGTH;

    private TournamentEmbeds() {
    }

    /** A done change: a title and what it means. */
    public static MessageEmbed done(String title, String description) {
        return new EmbedBuilder().setTitle(cut(title, MessageEmbed.TITLE_MAX_LENGTH)).setDescription(description)
                .setColor(DONE).build();
    }

    /** The effective timeouts, each with where it comes from. */
    public static MessageEmbed settings(String title, String description, TournamentTimeouts timeouts) {
        EmbedBuilder embed = new EmbedBuilder().setTitle(cut(title, MessageEmbed.TITLE_MAX_LENGTH)).setColor(DONE)
                .setDescription(description);
        addSettings(embed, timeouts);
        return embed.build();
    }

    /** Everything about a tournament: its rules, settings, pools and grants. */
    public static MessageEmbed info(TournamentRow t, TournamentTimeouts timeouts, List<PoolSummary> pools,
                                    List<Grant> grants) {
        EmbedBuilder embed = new EmbedBuilder().setTitle(cut(t.name(), MessageEmbed.TITLE_MAX_LENGTH))
                .setColor(DONE)
                .setDescription((t.active() ? "**Open**: it takes new runs." : "**Closed**: it takes no new runs.")
                        + "\nChannel: " + (t.channelId() == null ? "none" : "<#" + t.channelId() + ">")
                        + "\nStart message: " + (t.startMessageId() == null || t.channelId() == null
                        ? "not posted yet (/async post)" : link(t)))
                .addField("Runs per pool", Integer.toString(t.runsPerPool()), true)
                .addField("Max reattempts", Integer.toString(t.maxReattempts()), true)
                .addField("Hide results", t.hideResults() ? "yes" : "no", true)
                .addField("Min account age", t.minAccountAgeDays() == null ? "none"
                        : t.minAccountAgeDays() + " day(s)", true)
                .addField("Racer role", t.racerRoleId() == null ? "anyone" : "<@&" + t.racerRoleId() + ">", true);
        addSettings(embed, timeouts);
        embed.addField("Pools (" + pools.size() + ")", list(pools.stream().map(p -> "**"
                + Names.printable(p.name(), Names.MAX_LENGTH) + "**: " + p.permalinks() + " permalink(s)").toList(),
                "none yet (/async pool add)"), false);
        embed.addField("Admins and reviewers", list(grants.stream().map(g -> (g.roleId() != null
                ? "<@&" + g.roleId() + ">" : "<@" + g.userId() + ">") + ": " + g.level().getLiteral()).toList(),
                "none besides Manage Server (/async admins add)"), false);
        return embed.build();
    }

    /** The link to the tournament's start message. */
    static String link(TournamentRow t) {
        return "https://discord.com/channels/" + t.discordGuildId() + "/" + t.channelId() + "/" + t.startMessageId();
    }

    private static void addSettings(EmbedBuilder embed, TournamentTimeouts timeouts) {
        embed.addField(TaskConfigKeys.WARNING_MINUTES, value(timeouts.warning(), "minute(s)"), true)
                .addField(TaskConfigKeys.TIMEOUT_MINUTES, value(timeouts.timeout(), "minute(s)"), true)
                .addField(TaskConfigKeys.MAX_HOURS, value(timeouts.maxHours(), "hour(s)"), true);
    }

    private static String value(TournamentTimeouts.Value value, String unit) {
        return value.value() + " " + unit + "\nfrom: " + value.source();
    }

    /** Lines joined until the field is full, then "… and N more". */
    private static String list(List<String> lines, String none) {
        if (lines.isEmpty()) {
            return none;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String more = "\n… and " + (lines.size() - i) + " more";
            if (out.length() + lines.get(i).length() + 1 + more.length() > MAX_FIELD) {
                return out.append(more).toString();
            }
            out.append(out.length() == 0 ? "" : "\n").append(lines.get(i));
        }
        return out.toString();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
