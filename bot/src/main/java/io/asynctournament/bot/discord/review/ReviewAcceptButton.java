package io.asynctournament.bot.discord.review;

import io.asynctournament.bot.discord.interaction.Acknowledgement;
import io.asynctournament.bot.discord.interaction.ButtonHandler;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.jobs.races.ReviewService;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.modals.Modal;
import org.springframework.stereotype.Component;

/**
 * Accept ({@code review:accept:<raceId>}) under a run to review: opens the notes modal at once (optional notes);
 * {@link ReviewAcceptModal} records the review. Every check is made on submit.
 */
@Component
public final class ReviewAcceptButton implements ButtonHandler {

    @Override
    public String key() {
        return ReviewMessages.FEATURE + ":" + ReviewMessages.ACCEPT;
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.IMMEDIATE;
    }

    @Override
    public Reply handle(ComponentRequest request) {
        long raceId = ReviewMessages.raceId(request);
        return Reply.modal(Modal.create(ReviewMessages.id(ReviewMessages.ACCEPT_FORM, raceId).encode(),
                        "Accept race " + raceId)
                .addComponents(Label.of("Notes (optional; the racer sees them)",
                        TextInput.create(ReviewMessages.NOTES, TextInputStyle.PARAGRAPH).setRequired(false)
                                .setMaxLength(ReviewService.MAX_NOTES).build()))
                .build());
    }
}
