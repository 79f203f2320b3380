package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.Acknowledgement;
import io.asynctournament.bot.discord.interaction.ButtonHandler;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.jobs.races.RaceService;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.modals.Modal;
import org.springframework.stereotype.Component;

/**
 * "Add VOD & notes" ({@code race:vod:<raceId>}) under a finished race: opens the modal at once (a http(s) link and
 * up to 1,000 characters of notes); {@link VodModal} saves it.
 */
@Component
public final class VodButton implements ButtonHandler {
    static final String URL = "url";
    static final String NOTES = "notes";

    @Override
    public String key() {
        return "race:" + RaceMessages.VOD;
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.IMMEDIATE;
    }

    @Override
    public Reply handle(ComponentRequest request) {
        long raceId = RaceIds.first(request);
        return Reply.modal(Modal.create(RaceIds.of(VodModal.ACTION, raceId).encode(), "VOD and notes")
                .addComponents(
                        Label.of("VOD link (http or https)", TextInput.create(URL, TextInputStyle.SHORT)
                                .setRequired(false).setMaxLength(RaceService.MAX_VOD_URL)
                                .setPlaceholder("https://www.twitch.tv/videos/123").build()),
                        Label.of("Notes", TextInput.create(NOTES, TextInputStyle.PARAGRAPH).setRequired(false)
                                .setMaxLength(RaceService.MAX_NOTES).build()))
                .build());
    }
}
