package io.asynctournament.bot.discord.interaction;

/**
 * What every button, select and modal handler declares: the {@link ComponentId#key()} it answers and how the router
 * acknowledges its interactions. Implementations are Spring beans found by type.
 */
public interface ComponentHandler {

    /** The {@code feature:action} of the component ids this handler answers, e.g. {@code race:ready}. */
    String key();

    /** How the router acknowledges before calling the handler; a deferred ephemeral reply unless overridden. */
    default Acknowledgement acknowledgement() {
        return Acknowledgement.DEFER_REPLY;
    }

    /** False for a component that also works in DMs; the router refuses guild-only ones outside a guild. */
    default boolean guildOnly() {
        return true;
    }

    /**
     * True for a handler that waits on one of Discord's scarce rate limits, such as thread creation (10 per 10 s per
     * channel): the router runs it on workers of its own, so that a wave of them (200 racers confirming at once) does
     * not hold up every other answer for minutes (BENCHMARKS.md, "Start wave"). False unless overridden.
     */
    default boolean waitsOnRateLimits() {
        return false;
    }

    /** False when the reply should be seen by everyone in the channel. */
    default boolean ephemeral() {
        return true;
    }
}
