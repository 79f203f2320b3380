package io.asynctournament.bot.discord.race;

import io.asynctournament.bot.discord.interaction.ComponentId;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.tasks.TournamentTimeouts;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

import java.awt.Color;

/**
 * A tournament's start message, posted in its channel by {@code /async post}: what the tournament is and its rules,
 * with the persistent "Start new async run" button. The button's id names the tournament only
 * ({@code race:start:<tournamentId>}), so it keeps working after a restart and on any bot process.
 */
public final class StartMessage {
    /** The handler key of the start button. */
    public static final String START_KEY = "race:start";

    private StartMessage() {
    }

    /** The start button's id for a tournament. */
    public static ComponentId startId(long tournamentId) {
        return ComponentId.of("race", "start", tournamentId);
    }

    /** The message to post. */
    public static MessageCreateData build(TournamentRow tournament, TournamentTimeouts timeouts) {
        EmbedBuilder embed = new EmbedBuilder().setTitle(tournament.name()).setColor(new Color(0x1565c0))
                .setDescription("Press **Start new async run** to get your seed in a private thread.\n"
                        + "- You have **" + timeouts.timeout().value() + " minutes** from then to press Ready; a run "
                        + "not started by then is forfeited (you are warned " + timeouts.warning().value()
                        + " minutes before).\n"
                        + "- Once started, a run must be finished within **" + timeouts.maxHours().value()
                        + " hours**.\n"
                        + "- " + tournament.runsPerPool() + " run(s) per pool. A forfeit scores 0.");
        return new MessageCreateBuilder().setEmbeds(embed.build())
                .addComponents(ActionRow.of(Button.success(startId(tournament.id()).encode(), "Start new async run")))
                .build();
    }
}
