package io.asynctournament.bot.discord.interaction;

import io.asynctournament.jobs.errors.UserError;

import java.util.Map;
import java.util.Optional;

/**
 * A submitted modal as its handler gets it.
 *
 * @param id        the parsed modal id
 * @param caller    who submitted it
 * @param channelId the channel it was opened in
 * @param values    the text inputs, by their ids (as typed, not stripped)
 * @param receivedAt when Discord received the submit (UTC, from the interaction's snowflake id)
 */
public record ModalRequest(ComponentId id, Caller caller, long channelId, Map<String, String> values,
                           java.time.Instant receivedAt) {
    public ModalRequest {
        values = Map.copyOf(values);
    }

    /** A text input, stripped; empty when missing or blank. */
    public Optional<String> value(String inputId) {
        return Optional.ofNullable(values.get(inputId)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /**
     * A required text input, stripped.
     *
     * @throws UserError (bad input) naming the field when it is blank
     */
    public String required(String inputId, String label) {
        return value(inputId).orElseThrow(() -> UserError.badInput(label + " is required"));
    }
}
