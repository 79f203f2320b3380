package io.asynctournament.bot.discord.interaction;

/** Answers the string selects whose {@link ComponentId} has this handler's {@link #key()}; one class per select. */
public interface StringSelectHandler extends ComponentHandler {

    /**
     * Does the selection's work; {@link ComponentRequest#values()} holds the chosen values.
     *
     * @throws io.asynctournament.jobs.errors.UserError when the choice is refused or stale
     */
    Reply handle(ComponentRequest request);
}
