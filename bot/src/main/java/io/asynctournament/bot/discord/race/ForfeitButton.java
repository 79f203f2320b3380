package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.ButtonHandler;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.race.RaceView;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.races.RaceService;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import org.springframework.stereotype.Component;

/**
 * Forfeit ({@code race:forfeit:<raceId>}) on the race message: first an ephemeral confirmation, "scores 0, cannot be
 * undone", with the button that forfeits ({@code race:forfeit-confirm:<raceId>:<raceMessageId>}). Changes nothing; a
 * press by someone else or on an ended race is refused here already.
 */
@Component
public final class ForfeitButton implements ButtonHandler {
    private final RaceService races;

    ForfeitButton(RaceService races) {
        this.races = races;
    }

    @Override
    public String key() {
        return "race:" + RaceMessages.FORFEIT;
    }

    @Override
    public Reply handle(ComponentRequest request) {
        long raceId = RaceIds.first(request);
        RaceView race = races.view(raceId);
        if (race.racerDiscordUserId() == null || race.racerDiscordUserId() != request.caller().userId()) {
            throw UserError.refused("This is not your race: only " + race.racerName() + " may use its buttons.");
        }
        if (race.status() != RaceStatus.pending && race.status() != RaceStatus.in_progress) {
            throw UserError.conflict("The race has already ended (" + race.status().getLiteral().replace('_', ' ')
                    + "); nothing was changed.");
        }
        return Reply.message(new MessageCreateBuilder()
                .setContent("**Forfeit this race?** A forfeit scores 0 and cannot be undone.")
                .addComponents(ActionRow.of(
                        Button.danger(RaceIds.of("forfeit-confirm", raceId, request.messageId()).encode(),
                                "Forfeit: score 0"),
                        Button.secondary(RaceIds.of("forfeit-cancel", raceId).encode(), "Keep racing")))
                .build());
    }
}
