package io.asynctournament.bot.discord.interaction;

import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * What a handler answers; the {@link InteractionRouter} sends it the way the interaction was acknowledged
 * ({@link Acknowledgement}).
 */
public sealed interface Reply {

    /**
     * A message to the caller: the reply to a slash command, button, select or modal (ephemeral unless the handler
     * says otherwise), or, after {@link Acknowledgement#DEFER_EDIT}, an ephemeral follow-up.
     */
    record Message(MessageCreateData data) implements Reply {
    }

    /** A new content for the message the component is on (after {@link Acknowledgement#DEFER_EDIT}). */
    record Update(MessageEditData data) implements Reply {
    }

    /** Opens a modal; only as an immediate answer ({@link Acknowledgement#IMMEDIATE}). */
    record OpenModal(Modal modal) implements Reply {
    }

    /** A message with one embed. */
    static Reply embed(MessageEmbed embed) {
        return new Message(new MessageCreateBuilder().setEmbeds(embed).build());
    }

    /** A plain text message. */
    static Reply text(String text) {
        return new Message(new MessageCreateBuilder().setContent(text).build());
    }

    /** A message built by the handler (content, embeds, components, allowed mentions). */
    static Reply message(MessageCreateData data) {
        return new Message(data);
    }

    /** Replaces the component's message. */
    static Reply update(MessageEditData data) {
        return new Update(data);
    }

    /** Opens a modal. */
    static Reply modal(Modal modal) {
        return new OpenModal(modal);
    }

    /**
     * Opens a modal of one paragraph field (a reason, notes).
     *
     * @param modalId   the modal's component id (its handler's key and arguments)
     * @param inputId   the field's id, read back from the submission
     * @param maxLength the field's maximum length in characters (Discord enforces it in the client)
     */
    static Reply paragraphModal(String modalId, String title, String label, String inputId, boolean required,
                                int maxLength) {
        return modal(Modal.create(modalId, title)
                .addComponents(Label.of(label, TextInput.create(inputId, TextInputStyle.PARAGRAPH)
                        .setRequired(required).setMaxLength(maxLength).build()))
                .build());
    }
}
