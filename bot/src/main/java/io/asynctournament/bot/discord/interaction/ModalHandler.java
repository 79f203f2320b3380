package io.asynctournament.bot.discord.interaction;

/** Answers the submitted modals whose {@link ComponentId} has this handler's {@link #key()}; one class per modal. */
public interface ModalHandler extends ComponentHandler {

    /**
     * Does the modal's work; {@link ModalRequest#values()} holds the text inputs by their ids.
     *
     * @throws io.asynctournament.jobs.errors.UserError when an input is invalid (the message names it and what is
     *                                                  accepted) or the modal is stale
     */
    Reply handle(ModalRequest request);
}
