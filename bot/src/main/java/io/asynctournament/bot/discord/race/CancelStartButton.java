package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.Acknowledgement;
import io.asynctournament.bot.discord.interaction.ButtonHandler;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import org.springframework.stereotype.Component;

/** Cancel on the start confirmation ({@code race:cancel:<tournamentId>}): changes and records nothing. */
@Component
public final class CancelStartButton implements ButtonHandler {

    @Override
    public String key() {
        return "race:cancel";
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.IMMEDIATE;
    }

    @Override
    public Reply handle(ComponentRequest request) {
        return Reply.update(new MessageEditBuilder().setContent("Cancelled: no race was started.").setEmbeds()
                .setComponents().build());
    }
}
