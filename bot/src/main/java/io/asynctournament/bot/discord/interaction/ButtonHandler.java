package io.asynctournament.bot.discord.interaction;

/** Answers the buttons whose {@link ComponentId} has this handler's {@link #key()}; one class per button. */
public interface ButtonHandler extends ComponentHandler {

    /**
     * Does the button's work (on a worker, unless {@link Acknowledgement#IMMEDIATE}).
     *
     * @throws io.asynctournament.jobs.errors.UserError when the press is refused, too late, or by the wrong person
     */
    Reply handle(ComponentRequest request);
}
