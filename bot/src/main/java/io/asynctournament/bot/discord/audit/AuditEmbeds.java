package io.asynctournament.bot.discord.audit;

import io.asynctournament.db.Json;
import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository.AuditPage;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log as one embed within Discord's limits (25 fields, 4,096 characters of description, 1,024 a field
 * value, 6,000 in all): one field an entry, newest first; entries that do not fit are counted, "… N more, use the
 * CLI", never an error.
 */
public final class AuditEmbeds {
    /** What the whole embed may hold, with room to spare under Discord's 6,000. */
    static final int BUDGET = 5800;
    private static final int MAX_FIELDS = 25;
    private static final Color COLOR = new Color(0x455a64);

    private AuditEmbeds() {
    }

    /**
     * @param title   e.g. "Audit of race 42"
     * @param cliHint the CLI command that shows everything, e.g. {@code audit --race 42 --limit 1000}
     */
    public static MessageEmbed of(String title, AuditPage page, String cliHint) {
        List<MessageEmbed.Field> fields = new ArrayList<>();
        String cutTitle = cut(title, MessageEmbed.TITLE_MAX_LENGTH);
        int used = cutTitle.length() + 300; // the description written last
        for (AuditEntry entry : page.entries()) {
            if (fields.size() == MAX_FIELDS) {
                break;
            }
            MessageEmbed.Field field = field(entry);
            int size = field.getName().length() + field.getValue().length();
            if (used + size > BUDGET) {
                break;
            }
            used += size;
            fields.add(field);
        }
        int left = page.total() - fields.size();
        String description = page.total() == 0 ? "No audit entries yet."
                : "Newest first: " + fields.size() + " of " + page.total() + " entr" + (page.total() == 1 ? "y" : "ies")
                + "." + (left > 0 ? "\n… " + left + " more, use the CLI: `" + cliHint + "`" : "");
        EmbedBuilder embed = new EmbedBuilder().setTitle(cutTitle).setColor(COLOR).setDescription(description);
        fields.forEach(embed::addField);
        return embed.build();
    }

    private static MessageEmbed.Field field(AuditEntry entry) {
        String name = cut(entry.action() + " · " + entry.subject(), MessageEmbed.TITLE_MAX_LENGTH);
        String head = "<t:" + entry.at().getEpochSecond() + ":f> by " + actor(entry.actor());
        String details = entry.details().isEmpty() ? "" : Json.text(entry.details()).replace('`', 'ˋ');
        int room = MessageEmbed.VALUE_MAX_LENGTH - head.length() - 8;
        String value = details.isEmpty() ? head : head + "\n```" + cut(details, Math.min(room, 600)) + "```";
        return new MessageEmbed.Field(name, value, false);
    }

    /** A Discord actor as a mention; {@code cli:<user>}, {@code system} and the like as code. */
    static String actor(String actor) {
        if (actor.startsWith("discord:") && actor.substring(8).chars().allMatch(Character::isDigit)) {
            return "<@" + actor.substring(8) + ">";
        }
        return "`" + cut(actor, 100).replace('`', 'ˋ') + "`";
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
