package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.CommandOptions;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code /async create}: an open tournament in this server (Manage Server). Its name follows the name rule; the
 * numbers are checked by the service (runs_per_pool 1–100, max_reattempts 0–100, min_account_age_days 0–3650).
 * The answer warns when the bot lacks a permission it needs in the channel (the tournament is created anyway).
 */
@Component
@Order(10)
public final class AsyncCreateSubcommand implements AsyncSubcommand {
    private final TournamentService tournaments;
    private final TournamentChannels channels;

    public AsyncCreateSubcommand(TournamentService tournaments, TournamentChannels channels) {
        this.tournaments = tournaments;
        this.channels = channels;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("create", "Create a tournament in this server")
                .addOptions(AsyncOptions.name("name", "The tournament's name (unique in this server)"),
                        new OptionData(OptionType.CHANNEL, "channel", "The text channel of its start message and "
                                + "race threads", true).setChannelTypes(ChannelType.TEXT),
                        new OptionData(OptionType.INTEGER, "runs_per_pool", "Runs a racer may have per pool", true)
                                .setRequiredRange(1, TournamentService.MAX_RUNS_PER_POOL),
                        new OptionData(OptionType.INTEGER, "max_reattempts", "Reattempts a racer may have in the "
                                + "tournament", true).setRequiredRange(0, TournamentService.MAX_REATTEMPTS),
                        new OptionData(OptionType.BOOLEAN, "hide_results", "Racers see their time but no score "
                                + "(default: false)"),
                        new OptionData(OptionType.INTEGER, "min_account_age_days", "The youngest Discord account "
                                + "that may race, in days (default: any)")
                                .setRequiredRange(0, TournamentService.MAX_ACCOUNT_AGE_DAYS),
                        new OptionData(OptionType.ROLE, "racer_role", "The role a racer needs (default: anyone)"));
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        CommandOptions options = request.options();
        TournamentRow created = tournaments.create(request.caller().requester(), request.caller().guildName(),
                options.requiredString("name"), options.mentionableId("channel").orElseThrow(() ->
                        UserError.badInput("the option 'channel' is required")),
                AsyncOptions.requiredInt(options, "runs_per_pool"), AsyncOptions.requiredInt(options,
                        "max_reattempts"), options.bool("hide_results").orElse(false),
                AsyncOptions.optionalInt(options, "min_account_age_days").orElse(null),
                options.mentionableId("racer_role").orElse(null));
        String warning = channels.problem(request.caller().guildId(), created.channelId())
                .map(problem -> "\n**Warning:** " + problem).orElse("");
        return Reply.embed(TournamentEmbeds.settings("Created " + created.name(), "Open, in <#"
                + created.channelId() + ">. Next: add pools (`/async pool add`), permalinks (`/async permalink add` "
                + "or `/async permalinks import`), check `/async settings`, then `/async post` the start message."
                + warning, tournaments.timeouts(created)));
    }
}
