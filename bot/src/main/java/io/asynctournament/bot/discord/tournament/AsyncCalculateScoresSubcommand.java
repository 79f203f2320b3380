package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.control.TaskControlService.QueuedRun;
import io.asynctournament.jobs.tasks.TaskType;
import io.asynctournament.jobs.tournaments.TournamentService;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code /async calculate-scores tournament}: a tournament admin has the score task run now, over that tournament
 * only, through the control plane (as {@code /tasks run}); a task already running is not started twice.
 */
@Component
@Order(220)
public final class AsyncCalculateScoresSubcommand implements AsyncSubcommand {
    private final TournamentService tournaments;
    private final TaskControlService control;

    public AsyncCalculateScoresSubcommand(TournamentService tournaments, TaskControlService control) {
        this.tournaments = tournaments;
        this.control = control;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("calculate-scores", "Run the score calculation for a tournament now (admins)")
                .addOptions(AsyncOptions.tournament());
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        TournamentRow t = tournaments.find(request.caller().requester(), AsyncOptions.tournamentName(request.options()));
        QueuedRun run = control.enqueueForTournament(TaskType.SCORE_CALCULATION, t.id(), t.guildId(),
                request.caller().actor(), "tournament:" + t.id());
        return Reply.embed(TournamentEmbeds.done("Score calculation queued for " + t.name(), "Task `" + run.taskId()
                + "` runs once now over " + t.name() + " only (job `" + run.jobId() + "`), on the bot's scheduler "
                + "within seconds: it recomputes the par times and scores of the permalinks whose runs changed since "
                + "the last calculation."));
    }
}
