package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.Acknowledgement;
import io.asynctournament.bot.discord.interaction.ButtonHandler;
import io.asynctournament.bot.discord.interaction.ComponentId;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import org.springframework.stereotype.Component;

/**
 * Confirm on the start confirmation ({@code race:confirm:<tournamentId>:<poolId>}): creates the race and its private
 * thread ({@link RaceThreadOpener}), then replaces the confirmation with a link to the thread. A second or concurrent
 * confirm creates no second race: it is answered with the race already open.
 */
@Component
public final class ConfirmStartButton implements ButtonHandler {
    private final RaceThreadOpener opener;

    ConfirmStartButton(RaceThreadOpener opener) {
        this.opener = opener;
    }

    static ComponentId id(long tournamentId, long poolId) {
        return RaceIds.of("confirm", tournamentId, poolId);
    }

    @Override
    public String key() {
        return "race:confirm";
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.DEFER_EDIT;
    }

    /** It waits for Discord's thread-creation bucket (10 per 10 s per channel) while a wave of racers starts. */
    @Override
    public boolean waitsOnRateLimits() {
        return true;
    }

    @Override
    public Reply handle(ComponentRequest request) {
        long tournamentId = RaceIds.first(request);
        long poolId = RaceIds.arg(request.id(), 1);
        long threadId = opener.open(tournamentId, poolId, request);
        return Reply.update(new MessageEditBuilder().setContent("Your race is open: <#" + threadId + ">. Good luck!")
                .setEmbeds().setComponents().build());
    }
}
