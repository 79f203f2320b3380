package io.asynctournament.bot.discord.fake;

/** A guild role: the @everyone role has the guild's id; {@code botId} is set on the bot's managed role. */
public record FakeRole(long id, String name, long permissions, int position, long botId) {
    boolean managed() {
        return botId != 0;
    }
}
