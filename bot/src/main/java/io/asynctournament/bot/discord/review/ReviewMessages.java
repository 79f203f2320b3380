package io.asynctournament.bot.discord.review;

import io.asynctournament.bot.discord.interaction.ComponentId;
import io.asynctournament.bot.discord.interaction.ComponentRequest;
import io.asynctournament.bot.discord.interaction.ModalRequest;
import io.asynctournament.db.review.ReviewItem;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.races.ReviewService.ReviewQueue;
import io.asynctournament.jobs.validation.Names;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

import java.awt.Color;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * What a reviewer sees (README "Review"): the next run waiting for review, with Accept and Reject, and the ids of
 * those buttons and their notes modals ({@code review:<action>:<raceId>}).
 */
public final class ReviewMessages {
    static final String FEATURE = "review";
    static final String ACCEPT = "accept";
    static final String REJECT = "reject";
    static final String ACCEPT_FORM = "accept-form";
    static final String REJECT_FORM = "reject-form";
    static final String NOTES = "notes";
    private static final Color FLAGGED = new Color(0xef6c00);
    private static final Color WAITING = new Color(0x1565c0);

    private ReviewMessages() {
    }

    /** The queue's next run with Accept and Reject, or that none waits; {@code before} (may be empty) leads. */
    public static MessageCreateData queue(ReviewQueue queue, String before) {
        MessageCreateBuilder message = new MessageCreateBuilder();
        String name = Names.printable(queue.tournament().name(), Names.MAX_LENGTH);
        if (queue.next().isEmpty()) {
            return message.setContent(before + "No run of " + name + " waits for review"
                    + " (your own runs are left to the other reviewers).").build();
        }
        ReviewItem run = queue.next().get();
        EmbedBuilder embed = new EmbedBuilder()
                .setTitle(cut("Review: " + name + " — race " + run.raceId(), MessageEmbed.TITLE_MAX_LENGTH))
                .setColor(run.reviewRequestedAt() != null ? FLAGGED : WAITING)
                .addField("Racer", run.racerDiscordUserId() == null ? cut(run.racerName(), 200)
                        : "<@" + run.racerDiscordUserId() + "> (" + cut(run.racerName(), 200) + ")", true)
                .addField("Pool", cut(run.poolName(), 200), true)
                .addField("Time", time(run.elapsedSeconds()), true)
                .addField("Permalink", cut(run.permalinkUrl(), MessageEmbed.VALUE_MAX_LENGTH), false)
                .addField("Finished", run.finishedAt() == null ? "unknown"
                        : "<t:" + run.finishedAt().getEpochSecond() + ":F>", true)
                .addField("VOD", run.vodUrl() == null ? "none" : cut(run.vodUrl(), MessageEmbed.VALUE_MAX_LENGTH), true)
                .addField("Racer's notes", run.racerNotes() == null ? "none"
                        : cut(run.racerNotes(), MessageEmbed.VALUE_MAX_LENGTH), false)
                .addField("Flagged for review", run.reviewRequestedAt() == null ? "no"
                        : cut("<t:" + run.reviewRequestedAt().getEpochSecond() + ":R>: "
                        + run.reviewRequestReason(), MessageEmbed.VALUE_MAX_LENGTH), false)
                .setFooter(queue.waiting() + " run(s) waiting for review, this one included");
        return message.setContent(before).setEmbeds(embed.build())
                .addComponents(ActionRow.of(Button.success(id(ACCEPT, run.raceId()).encode(), "Accept"),
                        Button.danger(id(REJECT, run.raceId()).encode(), "Reject")))
                .build();
    }

    /** A finish time as {@code H:MM:SS} (milliseconds dropped), {@code ?} when there is none. */
    public static String time(BigDecimal seconds) {
        if (seconds == null) {
            return "?";
        }
        long s = seconds.longValue();
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    static ComponentId id(String action, long raceId) {
        return ComponentId.of(FEATURE, action, raceId);
    }

    /** The race id of a review button or modal. @throws UserError not found when it is missing */
    static long raceId(ComponentId id) {
        return id.longArg(0).orElseThrow(() -> UserError.notFound("This button names no race."));
    }

    static long raceId(ComponentRequest request) {
        return raceId(request.id());
    }

    static long raceId(ModalRequest request) {
        return raceId(request.id());
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
