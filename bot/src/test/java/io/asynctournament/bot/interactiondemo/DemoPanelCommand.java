package io.asynctournament.bot.interactiondemo;

import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandHandler;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;

/**
 * {@code /demo tournament:ID}: posts a panel with a "note" button for a tournament, and, for the router's tests, three
 * buttons no handler answers: a malformed id, an unknown feature, and a note button for a tournament that is gone.
 */
public final class DemoPanelCommand implements SlashCommandHandler {
    static final String MALFORMED = "demo-note-1";
    static final String UNKNOWN = "gone:away:1";
    static final long GONE_TOURNAMENT = 999_999;

    @Override
    public SlashCommandData definition() {
        return Commands.slash("demo", "Post a demo panel")
                .addOption(OptionType.INTEGER, "tournament", "A tournament id", true);
    }

    @Override
    public boolean ephemeral() {
        return false;
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        long tournamentId = request.options().integer("tournament").orElseThrow();
        return Reply.message(new MessageCreateBuilder().setContent("Demo panel")
                .addComponents(ActionRow.of(
                        Button.primary(NoteButton.id(tournamentId).encode(), "Add a note"),
                        Button.secondary(MALFORMED, "Malformed"),
                        Button.secondary(UNKNOWN, "Unknown"),
                        Button.secondary(NoteButton.id(GONE_TOURNAMENT).encode(), "Gone")))
                .build());
    }

}
