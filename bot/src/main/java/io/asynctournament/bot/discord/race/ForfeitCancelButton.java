package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.Acknowledgement;
import io.asynctournament.bot.discord.interaction.ButtonHandler;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import org.springframework.stereotype.Component;

/** "Keep racing" on the forfeit confirmation ({@code race:forfeit-cancel:<raceId>}): changes nothing. */
@Component
public final class ForfeitCancelButton implements ButtonHandler {

    @Override
    public String key() {
        return "race:forfeit-cancel";
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.IMMEDIATE;
    }

    @Override
    public Reply handle(ComponentRequest request) {
        return Reply.update(new MessageEditBuilder().setContent("Not forfeited: your race goes on.").setComponents()
                .build());
    }
}
