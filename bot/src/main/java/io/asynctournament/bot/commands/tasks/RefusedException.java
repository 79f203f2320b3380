package io.asynctournament.bot.commands.tasks;

/** The caller may not do what they asked; the refusal was audited. The message is for the caller. */
public final class RefusedException extends RuntimeException {
    public RefusedException(String message) {
        super(message);
    }
}
