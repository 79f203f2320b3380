package io.asynctournament.bot.discord.interaction;

/**
 * A slash command as its handler gets it.
 *
 * @param subcommandGroup the subcommand group, or null
 * @param subcommand      the subcommand, or null
 * @param options         the typed options
 * @param caller          who used it
 * @param channelId       the channel it was used in
 * @param receivedAt      when Discord received it (UTC, from the interaction's snowflake id), not when the bot
 *                        processed it
 */
public record SlashCommandRequest(String subcommandGroup, String subcommand, CommandOptions options, Caller caller,
                                  long channelId, java.time.Instant receivedAt) {
}
