package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.CommandOptions;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.db.notification.NotificationPreferences;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.notifications.NotificationPreferenceService;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * {@code /async notifications [warnings on|off] [dm on|off]}: a racer's own choices for the bot's notices about their
 * races (README "What racers receive"): warnings before the deadline in the thread, and a copy by DM. Forfeits are
 * always posted in the thread. Without options it shows the current choices. Anyone may use it, for themselves.
 */
@Component
@Order(330)
public final class AsyncNotificationsSubcommand implements AsyncSubcommand {
    static final String WARNINGS = "warnings";
    static final String DM = "dm";

    private final NotificationPreferenceService preferences;

    public AsyncNotificationsSubcommand(NotificationPreferenceService preferences) {
        this.preferences = preferences;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("notifications", "Show or choose the notices you get about your races")
                .addOptions(onOff(WARNINGS, "Warnings before the deadline to press Ready, in your race's thread"),
                        onOff(DM, "A copy of each notice by direct message too"));
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        CommandOptions options = request.options();
        Optional<Boolean> warnings = onOff(options, WARNINGS);
        Optional<Boolean> dm = onOff(options, DM);
        long userId = request.caller().userId();
        if (warnings.isEmpty() && dm.isEmpty()) {
            return Reply.text(describe("Your notification settings", preferences.of(userId)));
        }
        String name = request.caller().displayName().isBlank() ? "racer " + userId : request.caller().displayName();
        NotificationPreferences now = preferences.set(userId, name, warnings.orElse(null), dm.orElse(null),
                request.receivedAt());
        return Reply.text(describe("Saved. Your notification settings", now));
    }

    static String describe(String title, NotificationPreferences p) {
        StringBuilder text = new StringBuilder("**").append(title).append("** (for all your races):\n")
                .append("- Warnings before the deadline to press Ready: **").append(p.warnings() ? "on" : "off")
                .append("**\n")
                .append("- A copy by direct message: **").append(p.dm() ? "on" : "off").append("**\n")
                .append("Forfeits are always posted in your race's thread.");
        if (p.dm() && p.dmClosedAt() != null) {
            text.append("\nYour direct messages were closed to the bot at <t:").append(p.dmClosedAt().getEpochSecond())
                    .append(":f>: allow direct messages from this server's members to get the copies.");
        }
        text.append("\nChange them with `/async notifications warnings:on|off dm:on|off`.");
        return text.toString();
    }

    private static OptionData onOff(String name, String description) {
        return new OptionData(OptionType.STRING, name, description).addChoice("on", "on").addChoice("off", "off");
    }

    private static Optional<Boolean> onOff(CommandOptions options, String name) {
        return options.string(name).map(value -> switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw UserError.badInput("The " + name + " option takes on or off, got '" + value + "'.");
        });
    }
}
