package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.ButtonHandler;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.db.race.RaceStartRepository.PoolChoice;
import io.asynctournament.jobs.races.RaceStartService;
import io.asynctournament.jobs.races.StartOffer;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import org.springframework.stereotype.Component;

/**
 * "Start new async run" ({@code race:start:<tournamentId>}, on the start message): answers ephemerally with a
 * select of the pools that have runs left for the racer, or with the reason they may not start (closed, a race
 * already open, no runs left, account too young, no racer role). Reads only: nothing changes.
 */
@Component
public final class RaceStartButton implements ButtonHandler {
    /** Discord's limit on the options of a select menu. */
    static final int MAX_OPTIONS = 25;
    private final RaceStartService starts;

    RaceStartButton(RaceStartService starts) {
        this.starts = starts;
    }

    @Override
    public String key() {
        return StartMessage.START_KEY;
    }

    @Override
    public Reply handle(ComponentRequest request) {
        long tournamentId = RaceIds.first(request);
        StartOffer offer = starts.offer(tournamentId, Racers.identity(request.caller()), request.receivedAt());
        StringSelectMenu.Builder menu = StringSelectMenu.create(PoolSelect.id(tournamentId).encode())
                .setPlaceholder("Choose a pool");
        for (PoolChoice pool : offer.pools().subList(0, Math.min(MAX_OPTIONS, offer.pools().size()))) {
            menu.addOption(cut(pool.name()), Long.toString(pool.poolId()),
                    pool.runsLeft() + " run" + (pool.runsLeft() == 1 ? "" : "s") + " left");
        }
        return Reply.message(new MessageCreateBuilder()
                .setContent("**" + offer.tournamentName() + "**: choose the pool of your run.")
                .addComponents(ActionRow.of(menu.build())).build());
    }

    private static String cut(String name) {
        return name.length() <= 100 ? name : name.substring(0, 99) + "…";
    }
}
