package io.asynctournament.bot.discord.audit;

import io.asynctournament.bot.discord.corrections.CorrectionOptions;
import io.asynctournament.bot.discord.interaction.CommandOptions;
import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.bot.discord.tournament.AsyncOptions;
import io.asynctournament.bot.discord.tournament.AsyncSubcommand;
import io.asynctournament.db.audit.AuditLogRepository.AuditPage;
import io.asynctournament.jobs.audit.AuditService;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.validation.Names;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * {@code /async audit (race | tournament) [limit]}: who did what to a race or a tournament (its races included), when,
 * with the values before and after, newest first; for the tournament's admins (README "Audit").
 */
@Component
@Order(230)
public final class AsyncAuditSubcommand implements AsyncSubcommand {
    static final String LIMIT = "limit";
    /** Entries shown unless told otherwise, and the most an embed shows (its 25 fields). */
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 25;

    private final AuditService audit;

    public AsyncAuditSubcommand(AuditService audit) {
        this.audit = audit;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("audit", "Who did what to a race or a tournament, newest first (admins)")
                .addOptions(new OptionData(OptionType.STRING, AsyncOptions.TOURNAMENT, "The tournament's name "
                                + "(give a tournament or a race)", false, true).setMaxLength(Names.MAX_LENGTH),
                        CorrectionOptions.race(false).setDescription("The race's id (give a tournament or a race)"),
                        new OptionData(OptionType.INTEGER, LIMIT, "How many entries (1 to 25, default 10)")
                                .setRequiredRange(1, MAX_LIMIT));
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        CommandOptions options = request.options();
        Optional<String> tournament = options.string(AsyncOptions.TOURNAMENT);
        Optional<Long> race = CorrectionOptions.raceId(options);
        if (tournament.isPresent() == race.isPresent()) {
            throw UserError.badInput("Give a tournament or a race, not both and not neither.");
        }
        int limit = AsyncOptions.optionalInt(options, LIMIT).orElse(DEFAULT_LIMIT);
        if (race.isPresent()) {
            AuditPage page = audit.race(request.caller().requester(), race.get(), limit, MAX_LIMIT);
            return Reply.embed(AuditEmbeds.of("Audit of race " + race.get(), page,
                    "audit --race " + race.get() + " --limit " + AuditService.MAX_LIMIT));
        }
        AuditPage page = audit.tournament(request.caller().requester(), tournament.get(), limit, MAX_LIMIT);
        return Reply.embed(AuditEmbeds.of("Audit of " + tournament.get(), page,
                "audit --tournament \"" + tournament.get() + "\" --limit " + AuditService.MAX_LIMIT));
    }
}
