package io.asynctournament.jobs.races;

import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.generated.enums.ReviewStatus;
import io.asynctournament.db.notification.NotificationRepository;
import io.asynctournament.db.review.ReviewItem;
import io.asynctournament.db.review.ReviewRepository;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.db.tournament.TournamentSetupRepository;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.tournaments.Requester;
import io.asynctournament.jobs.tournaments.TournamentService;
import io.asynctournament.jobs.validation.Names;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The review of finished runs by a tournament's reviewers (README "Review"): the queue (flagged runs first, then the
 * oldest finish; a reviewer's own runs are left to the others) and the accept or reject of one run. Who may review:
 * the tournament's admins (Manage Server, operators, an {@code admin} grant) and its {@code reviewer} grants. No one
 * reviews their own run; of two reviewers on one run the first wins (one conditional UPDATE) and the second is told
 * who reviewed it. A review is one transaction: the review, its audit entry ({@code race_review_accept} or
 * {@code race_review_reject}, the values before and after), the racer's notification ({@code review_accepted} or
 * {@code review_rejected}, the reviewer's notes in its payload) and the permalink's rescoring (a rejected run leaves
 * the par time and scores 0, README "Scoring").
 */
public final class ReviewService {
    /** Outbox kind: a reviewer accepted the run. Payload: {@code notes} (may be empty), {@code reviewed_by}. */
    public static final String REVIEW_ACCEPTED = "review_accepted";
    /** Outbox kind: a reviewer rejected the run (it scores 0). Payload: {@code notes}, {@code reviewed_by}. */
    public static final String REVIEW_REJECTED = "review_rejected";
    /** Longest reviewer notes, in characters. */
    public static final int MAX_NOTES = 1000;

    private final DSLContext dsl;
    private final TournamentSetupRepository tournamentRows;
    private final TournamentService tournaments;
    private final ReviewRepository reviews;
    private final RaceResultService results;
    private final AuditLogRepository audit;
    private final NotificationRepository notifications;

    public ReviewService(DSLContext dsl, TournamentSetupRepository tournamentRows, TournamentService tournaments,
                         ReviewRepository reviews, RaceResultService results, AuditLogRepository audit,
                         NotificationRepository notifications) {
        this.dsl = dsl;
        this.tournamentRows = tournamentRows;
        this.tournaments = tournaments;
        this.reviews = reviews;
        this.results = results;
        this.audit = audit;
        this.notifications = notifications;
    }

    /**
     * The next run of the tournament waiting for review, for this reviewer. Reads only.
     *
     * @param tournamentName the tournament's name in the requester's guild
     * @throws UserError not found (no such tournament: the message lists the guild's), refused (not an admin or
     *                   reviewer of it)
     */
    public ReviewQueue next(Requester by, String tournamentName) {
        String name = tournamentName == null ? "" : tournamentName.strip();
        TournamentRow tournament = tournamentRows.findByName(dsl, by.discordGuildId(), name)
                .orElseThrow(() -> UserError.notFound("This server has no tournament named '" + name + "'; it has: "
                        + String.join(", ", tournaments.tournamentNames(by.discordGuildId())) + "."));
        requireReviewer(by, tournament);
        return new ReviewQueue(tournament, reviews.next(dsl, tournament.id(), by.discordUserId()),
                reviews.waitingCount(dsl, tournament.id(), by.discordUserId()));
    }

    /**
     * The queue after a review: the next run for the same reviewer in the run's tournament.
     *
     * @throws UserError as {@link #next(Requester, String)}
     */
    public ReviewQueue next(Requester by, long tournamentId) {
        TournamentRow tournament = tournamentRows.find(dsl, tournamentId)
                .orElseThrow(() -> UserError.notFound("This tournament no longer exists."));
        requireReviewer(by, tournament);
        return new ReviewQueue(tournament, reviews.next(dsl, tournamentId, by.discordUserId()),
                reviews.waitingCount(dsl, tournamentId, by.discordUserId()));
    }

    /**
     * Accepts or rejects a finished run waiting for review, and rescores its permalink, in one transaction.
     *
     * @param notes the reviewer's notes: required to reject (the racer is told them), optional to accept; at most
     *              {@value #MAX_NOTES} characters
     * @param at    when Discord received the submit (UTC)
     * @return the run as it is now
     * @throws UserError bad input (notes), not found (the run is gone, or in another server), refused (not a reviewer of its tournament;
     *                   the reviewer's own run), conflict (reviewed already: the message names who and when;
     *                   reattempted or not finished)
     */
    public ReviewItem review(Requester by, long raceId, boolean accept, String notes, Instant at) {
        String text = notes == null || notes.isBlank() ? null : notes.strip();
        if (text != null && text.length() > MAX_NOTES) {
            throw UserError.badInput("The notes have " + text.length() + " characters; at most " + MAX_NOTES
                    + " are accepted.");
        }
        if (text != null) {
            Names.controlCharacterInText("The notes", text).ifPresent(problem -> {
                throw UserError.badInput(problem + ".");
            });
        }
        if (!accept && text == null) {
            throw UserError.badInput("Notes are required to reject a run: the racer is told why.");
        }
        ReviewStatus status = accept ? ReviewStatus.accepted : ReviewStatus.rejected;
        results.changeScored(raceId, at, (c, ref) -> {
            ReviewItem run = reviews.find(c, raceId).orElseThrow(() -> gone(raceId));
            TournamentRow tournament = tournamentRows.find(c, run.tournamentId()).orElseThrow(() -> gone(raceId));
            if (!by.isIn(tournament)) {
                // another server's race (a forged form): say no more than for a race that does not exist
                throw UserError.notFound("This server has no race " + raceId + ".");
            }
            requireReviewer(by, tournament);
            if (run.racerDiscordUserId() != null && run.racerDiscordUserId() == by.discordUserId()) {
                throw UserError.refused("You cannot review your own run: another reviewer of " + tournament.name()
                        + " must.");
            }
            checkWaiting(run);
            if (!reviews.review(c, raceId, status, by.actor(), at, text)) {
                checkWaiting(reviews.find(c, raceId).orElseThrow(() -> gone(raceId)));
                throw UserError.conflict("This run no longer waits for review.");
            }
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("review_status", run.reviewStatus().getLiteral());
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("review_status", status.getLiteral());
            after.put("reviewed_by", by.actor());
            after.put("reviewed_at", at.toString());
            after.put("reviewer_notes", text == null ? "" : text);
            audit.insertAll(c, List.of(new AuditEntry(by.actor(), accept ? "race_review_accept" : "race_review_reject",
                    "race:" + raceId, Map.of("before", before, "after", after), at)));
            notifications.insert(c, raceId, accept ? REVIEW_ACCEPTED : REVIEW_REJECTED,
                    Map.of("notes", text == null ? "" : text, "reviewed_by", by.actor()), at);
            return null;
        });
        return reviews.find(dsl, raceId).orElseThrow(() -> gone(raceId));
    }

    /** The reviewer as a Discord mention ({@code discord:<id>} becomes {@code <@id>}), else as recorded. */
    public static String mention(String actor) {
        return actor != null && actor.startsWith("discord:") ? "<@" + actor.substring("discord:".length()) + ">"
                : String.valueOf(actor);
    }

    private void requireReviewer(Requester by, TournamentRow tournament) {
        if (tournaments.levelOf(by, tournament).isEmpty()) {
            throw UserError.refused("Reviewing the runs of " + tournament.name() + " needs Manage Server or the "
                    + "tournament's admin or reviewer grant (/async admins add).");
        }
    }

    private static void checkWaiting(ReviewItem run) {
        if (run.reviewStatus() != ReviewStatus.pending) {
            throw UserError.conflict("This run was already " + run.reviewStatus().getLiteral() + " by "
                    + mention(run.reviewedBy()) + (run.reviewedAt() == null ? "" : " <t:"
                    + run.reviewedAt().getEpochSecond() + ":R>") + "; nothing was changed.");
        }
        if (run.reattempted()) {
            throw UserError.conflict("This run was marked reattempted: it no longer waits for review.");
        }
        if (run.status() != RaceStatus.finished) {
            throw UserError.conflict("Only a finished run is reviewed; this one is "
                    + run.status().getLiteral().replace('_', ' ') + ".");
        }
    }

    private static UserError gone(long raceId) {
        return UserError.notFound("Race " + raceId + " no longer exists.");
    }

    /**
     * A reviewer's view of a tournament's queue.
     *
     * @param tournament the tournament
     * @param next       the next run to review, if any
     * @param waiting    how many runs wait for review (the reviewer's own left out), the next one included
     */
    public record ReviewQueue(TournamentRow tournament, Optional<ReviewItem> next, int waiting) {
    }
}
