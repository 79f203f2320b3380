package io.asynctournament.bot.interactiondemo;

import io.asynctournament.bot.discord.interaction.Acknowledgement;
import io.asynctournament.bot.discord.interaction.ButtonHandler;
import io.asynctournament.bot.discord.interaction.ComponentId;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.jobs.errors.UserError;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.modals.Modal;

/** The demo's button: opens the note modal for the tournament in its id, at once (no I/O before a modal). */
public final class NoteButton implements ButtonHandler {

    static ComponentId id(long tournamentId) {
        return ComponentId.of("demo", "note", tournamentId);
    }

    @Override
    public String key() {
        return "demo:note";
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.IMMEDIATE;
    }

    @Override
    public Reply handle(ComponentRequest request) {
        long tournamentId = request.id().longArg(0)
                .orElseThrow(() -> UserError.notFound("this button names no tournament"));
        return Reply.modal(Modal.create(NoteModal.id(tournamentId).encode(), "Note")
                .addComponents(Label.of("Your note", TextInput.create(NoteModal.TEXT, TextInputStyle.SHORT)
                        .setRequired(true).build()))
                .build());
    }
}
