package io.asynctournament.bot.discord.fake;

/**
 * How the bot answered a slash command: immediate reply (callback type 4) or deferred (type 5) followed by a
 * follow-up or an edit of the original; the message shown to the user is the latest original/follow-up.
 */
public final class SlashReply extends InteractionReply {

    SlashReply(PendingInteraction interaction) {
        super(interaction);
    }

    /** Whether the bot deferred its reply (callback type 5). */
    @Override
    public boolean deferred() {
        return callbackType() == 5;
    }
}
