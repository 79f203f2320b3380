package io.asynctournament.bot.discord.race;

import io.asynctournament.db.race.RaceView;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/** The race's main message once the race ended, for the notification dispatcher (its buttons disabled). */
public final class EndedRaceMessage {
    private EndedRaceMessage() {
    }

    /** The race message showing {@code what} happened, with the buttons it had disabled. */
    public static MessageEditData of(RaceView race, String what) {
        return RaceMessages.ended(race, what);
    }
}
