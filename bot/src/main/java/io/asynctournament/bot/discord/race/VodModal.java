package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.ModalHandler;
import io.asynctournament.bot.discord.interaction.ModalRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.db.race.RaceView;
import io.asynctournament.jobs.races.RaceService;
import org.springframework.stereotype.Component;

/**
 * The VOD-and-notes modal ({@code race:vod-form:<raceId>}): saves the link and notes of the racer's finished race
 * while its tournament is open (blank clears them). Bad input is answered with what is accepted and changes nothing.
 */
@Component
public final class VodModal implements ModalHandler {
    static final String ACTION = "vod-form";
    private final RaceService races;

    VodModal(RaceService races) {
        this.races = races;
    }

    @Override
    public String key() {
        return "race:" + ACTION;
    }

    @Override
    public Reply handle(ModalRequest request) {
        RaceView race = races.setVod(RaceIds.first(request), request.caller().userId(),
                request.value(VodButton.URL).orElse(""), request.value(VodButton.NOTES).orElse(""),
                request.receivedAt());
        return Reply.text("Saved. VOD: " + (race.vodUrl() == null ? "none" : "<" + race.vodUrl() + ">") + "; notes: "
                + (race.racerNotes() == null ? "none" : race.racerNotes().length() + " characters") + ".");
    }
}
