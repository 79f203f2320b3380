package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.Acknowledgement;
import io.asynctournament.bot.discord.interaction.ComponentId;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.StringSelectHandler;
import io.asynctournament.db.race.RaceStartRepository.PoolChoice;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.races.RaceStartService;
import io.asynctournament.jobs.races.StartOffer;
import io.asynctournament.jobs.tasks.TournamentTimeouts;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import org.springframework.stereotype.Component;

import java.awt.Color;

/**
 * The pool select ({@code race:pool:<tournamentId>}): replaces the ephemeral select with the confirmation, the point
 * of no return, which quotes the effective settings (minutes to press Ready, the warning, hours to finish) and that
 * a forfeit scores 0, with Confirm ({@code race:confirm:<tournamentId>:<poolId>}) and Cancel. Reads only.
 */
@Component
public final class PoolSelect implements StringSelectHandler {
    private final RaceStartService starts;

    PoolSelect(RaceStartService starts) {
        this.starts = starts;
    }

    static ComponentId id(long tournamentId) {
        return RaceIds.of("pool", tournamentId);
    }

    @Override
    public String key() {
        return "race:pool";
    }

    @Override
    public Acknowledgement acknowledgement() {
        return Acknowledgement.DEFER_EDIT;
    }

    private static long poolId(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public Reply handle(ComponentRequest request) {
        long tournamentId = RaceIds.first(request);
        long poolId = request.values().stream().findFirst().map(PoolSelect::poolId).orElse(0L);
        if (poolId <= 0) {
            throw UserError.badInput("Choose one of the pools offered.");
        }
        StartOffer offer = starts.offer(tournamentId, Racers.identity(request.caller()), request.receivedAt());
        PoolChoice pool = offer.pools().stream().filter(p -> p.poolId() == poolId).findFirst()
                .orElseThrow(() -> UserError.conflict("You have no run left in that pool; press Start again to see "
                        + "the pools you may play."));
        TournamentTimeouts t = offer.timeouts();
        EmbedBuilder embed = new EmbedBuilder().setColor(new Color(0xef6c00))
                .setTitle("Start a run in " + pool.name() + "?")
                .setDescription("This is the point of no return. When you confirm, your race opens in a private "
                        + "thread with its seed and you have **" + t.timeout().value() + " minutes** to press Ready "
                        + "(confirming now: by <t:" + request.receivedAt().plusSeconds(60L * t.timeout().value())
                        .getEpochSecond() + ":t>); "
                        + "a race not started by then is forfeited (you are warned " + t.warning().value()
                        + " minutes before the deadline). Once started, you have **" + t.maxHours().value()
                        + " hours** to finish.\n**A forfeit scores 0** and cannot be undone.");
        return Reply.update(new MessageEditBuilder().setContent(offer.tournamentName()).setEmbeds(embed.build())
                .setComponents(ActionRow.of(
                        Button.success(ConfirmStartButton.id(tournamentId, poolId).encode(), "Confirm: start my race"),
                        Button.secondary(RaceIds.of("cancel", tournamentId).encode(), "Cancel")))
                .build());
    }
}
