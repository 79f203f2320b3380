package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.Acknowledgement;
import io.asynctournament.bot.discord.interaction.ButtonHandler;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.db.race.RaceView;
import io.asynctournament.jobs.races.RaceService;
import io.asynctournament.jobs.races.ReattemptService;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The confirmed forfeit ({@code race:forfeit-confirm:<raceId>:<raceMessageId>}): one conditional update (a pending
 * or in-progress race scores 0), then the race message's buttons are disabled and the thread says the race was
 * forfeited. A second confirm is answered with "already ended" and changes nothing.
 */
@Component
public final class ForfeitConfirmButton implements ButtonHandler {
    private static final Logger log = LoggerFactory.getLogger(ForfeitConfirmButton.class);
    private final RaceService races;
    private final RaceDiscord discord;
    private final ReattemptService reattempts;

    ForfeitConfirmButton(RaceService races, RaceDiscord discord, ReattemptService reattempts) {
        this.races = races;
        this.discord = discord;
        this.reattempts = reattempts;
    }

    @Override
    public String key() {
        return "race:forfeit-confirm";
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.DEFER_EDIT;
    }

    @Override
    public Reply handle(ComponentRequest request) {
        long raceId = RaceIds.first(request);
        long raceMessageId = RaceIds.arg(request.id(), 1);
        RaceView race = races.forfeit(raceId, request.caller().userId(), request.receivedAt());
        long threadId = race.threadId() == null ? request.channelId() : race.threadId();
        discord.thread(threadId).ifPresent(thread -> {
            try {
                thread.editMessageById(raceMessageId, RaceMessages.ended(race, "**Forfeited** by the racer: the race "
                        + "scores 0.")).complete();
            } catch (RuntimeException e) {
                log.warn("Could not disable the buttons of race {}: {}", raceId, RaceDiscord.reason(e));
            }
        });
        discord.post(threadId, RaceMessages.forfeited(race, reattempts.allowsReattempts(race.tournamentId())),
                "the forfeit of race " + raceId);
        return Reply.update(new MessageEditBuilder().setContent("You forfeited: the race scores 0.").setComponents()
                .build());
    }
}
