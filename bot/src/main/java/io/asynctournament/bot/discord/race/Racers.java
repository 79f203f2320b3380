package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.Caller;
import io.asynctournament.jobs.races.RacerIdentity;
import net.dv8tion.jda.api.utils.TimeUtil;

/** Who wants to race, from the interaction alone: the account's creation is the user id snowflake's time. */
final class Racers {
    private Racers() {
    }

    static RacerIdentity identity(Caller caller) {
        String name = caller.displayName().isBlank() ? "racer " + caller.userId() : caller.displayName();
        return new RacerIdentity(caller.userId(), name, TimeUtil.getTimeCreated(caller.userId()).toInstant(),
                caller.roleIds());
    }
}
