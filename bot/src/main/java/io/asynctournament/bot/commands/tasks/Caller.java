package io.asynctournament.bot.commands.tasks;

/**
 * Who runs a slash command, and where.
 *
 * @param userId        the Discord user id
 * @param guildId       the Discord guild the command was used in
 * @param guildName     that guild's name
 * @param manageServer  true when the member has Manage Server in that guild (checked again by the bot: server admins
 *                      can change the command's default permissions)
 * @param operator      true when the user is one of the bot's operators ({@code BOT_OPERATORS})
 */
public record Caller(long userId, long guildId, String guildName, boolean manageServer, boolean operator) {

    /** The actor the audit log names. */
    public String actor() {
        return "discord:" + userId;
    }
}
