package io.asynctournament.bot.discord.interaction;

/**
 * How the {@link InteractionRouter} acknowledges an interaction before its handler runs. Discord needs an
 * acknowledgement within 3 seconds; a deferred one holds for 15 minutes, however long the database takes.
 */
public enum Acknowledgement {
    /** Deferred reply ("thinking…"), at once; the handler runs on a worker and its reply replaces it. */
    DEFER_REPLY,
    /**
     * Deferred update of the component's message, at once; the handler runs on a worker and answers with a
     * {@link Reply.Update} of that message, or a {@link Reply.Message} sent as an ephemeral follow-up.
     */
    DEFER_EDIT,
    /**
     * No deferral: the handler runs at once on JDA's event thread and must do no I/O (no database, no request to
     * Discord). For answers that must be the first response, such as opening a modal.
     */
    IMMEDIATE
}
