package io.asynctournament.bot.discord.tournament;

import io.asynctournament.bot.discord.interaction.Reply;
import io.asynctournament.bot.discord.interaction.SlashCommandRequest;
import io.asynctournament.bot.discord.review.ReviewMessages;
import io.asynctournament.jobs.races.ReviewService;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code /async review tournament}: the next finished run of the tournament waiting for review (flagged runs first,
 * then the oldest finish; the caller's own runs left out), with Accept and Reject (README "Review"). For the
 * tournament's admins and reviewers.
 */
@Component
@Order(120)
public final class AsyncReviewSubcommand implements AsyncSubcommand {
    private final ReviewService reviews;

    public AsyncReviewSubcommand(ReviewService reviews) {
        this.reviews = reviews;
    }

    @Override
    public SubcommandData definition() {
        return new SubcommandData("review", "Review the next finished run of a tournament")
                .addOptions(AsyncOptions.tournament());
    }

    @Override
    public Reply handle(SlashCommandRequest request) {
        return Reply.message(ReviewMessages.queue(reviews.next(request.caller().requester(),
                AsyncOptions.tournamentName(request.options())), ""));
    }
}
