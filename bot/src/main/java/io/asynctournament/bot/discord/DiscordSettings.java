package io.asynctournament.bot.discord;

import io.asynctournament.jobs.errors.UserError;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Discord settings: {@code DISCORD_TOKEN} (the bot token; unset: Discord is off), {@code BOT_OPERATORS} (Discord
 * user ids, separated by commas, who may manage the built-in tasks) and {@code DISCORD_COMMANDS} ({@code global}:
 * register the slash commands once for every guild, the default; {@code guild}: register them in each guild the bot
 * is in, which takes effect at once and suits testing).
 *
 * @param token       the bot token, if set
 * @param operators   Discord user ids of the bot's operators
 * @param guildScoped true to register commands per guild, false for global commands
 */
public record DiscordSettings(Optional<String> token, Set<Long> operators, boolean guildScoped) {
    public DiscordSettings {
        operators = Set.copyOf(operators);
    }

    /**
     * Reads the settings.
     *
     * @throws UserError (bad input) naming the variable that is wrong and what is accepted
     */
    public static DiscordSettings fromEnvironment(Map<String, String> env) {
        String token = env.get("DISCORD_TOKEN");
        Set<Long> operators = new LinkedHashSet<>();
        String list = env.getOrDefault("BOT_OPERATORS", "");
        for (String part : list.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                long id = Long.parseLong(part.strip());
                if (id <= 0) {
                    throw new NumberFormatException();
                }
                operators.add(id);
            } catch (NumberFormatException e) {
                throw UserError.badInput("BOT_OPERATORS must list Discord user ids separated by commas, "
                        + "got '" + part.strip() + "'");
            }
        }
        String scope = env.getOrDefault("DISCORD_COMMANDS", "global").strip().toLowerCase(java.util.Locale.ROOT);
        if (!scope.equals("global") && !scope.equals("guild")) {
            throw UserError.badInput("DISCORD_COMMANDS must be global or guild, got '" + scope + "'");
        }
        return new DiscordSettings(token == null || token.isBlank() ? Optional.empty() : Optional.of(token.strip()),
                operators, scope.equals("guild"));
    }

    /** The settings without the token. */
    @Override
    public String toString() {
        return "DiscordSettings[token=" + (token.isPresent() ? "***" : "(none)") + ", operators=" + operators
                + ", guildScoped=" + guildScoped + "]";
    }
}
