package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.ModalHandler;
import io.asynctournament.bot.discord.interaction.ModalRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.tournament.AsyncReattemptSubcommand;
import io.asynctournament.jobs.races.ReattemptService;
import org.springframework.stereotype.Component;

/**
 * The reattempt modal ({@code race:reattempt-form:<raceId>}): the racer marks their run reattempted through
 * {@link ReattemptService#markByRacer}, the service {@code /async reattempt} uses, within the tournament's
 * {@code max_reattempts}.
 */
@Component
public final class ReattemptModal implements ModalHandler {
    static final String ACTION = "reattempt-form";
    private final ReattemptService reattempts;

    ReattemptModal(ReattemptService reattempts) {
        this.reattempts = reattempts;
    }

    @Override
    public String key() {
        return "race:" + ACTION;
    }

    @Override
    public Reply handle(ModalRequest request) {
        return Reply.text(AsyncReattemptSubcommand.text(reattempts.markByRacer(RaceIds.first(request),
                request.caller().userId(), request.value(ReattemptButton.REASON).orElse(""), request.receivedAt())));
    }
}
