package io.asynctournament.bot.discord.interaction;

/**
 * An autocomplete request as its command's handler gets it.
 *
 * @param subcommandGroup the subcommand group, or null
 * @param subcommand      the subcommand, or null
 * @param focused         the name of the option being typed
 * @param typed           what was typed so far
 * @param options         the other options given so far
 * @param caller          who is typing
 */
public record AutocompleteRequest(String subcommandGroup, String subcommand, String focused, String typed,
                                  CommandOptions options, Caller caller) {
}
