package io.asynctournament.jobs.races;

import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.notification.NotificationRepository;
import io.asynctournament.db.race.RaceResultRepository;
import io.asynctournament.db.race.RaceTimeoutRepository;
import io.asynctournament.db.race.RaceView;
import io.asynctournament.db.race.RaceViewRepository;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.validation.HttpUrls;
import io.asynctournament.jobs.validation.Names;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A racer's actions on their race (README "Racer guide"): Ready, Finish, Forfeit, Timer, VOD and notes, and a request
 * for review. Each is one conditional statement in a transaction with its audit entry, so double clicks, presses from
 * two processes and presses on a race that changed meanwhile change nothing twice. Times are the instants Discord
 * received the presses (the caller passes them), never when the bot got round to them.
 */
public final class RaceService {
    /** The countdown between a Ready press and GO: {@code started_at} is the press plus this. */
    public static final Duration COUNTDOWN = Duration.ofSeconds(10);
    /** Longest VOD link, in characters. */
    public static final int MAX_VOD_URL = 500;
    /** Longest racer notes or review reason, in characters. */
    public static final int MAX_NOTES = 1000;

    private final DSLContext dsl;
    private final RaceViewRepository views;
    private final RaceResultRepository races;
    private final RaceResultService results;
    private final AuditLogRepository audit;
    private final NotificationRepository notifications;

    public RaceService(DSLContext dsl, RaceViewRepository views, RaceResultRepository races, RaceResultService results,
                       AuditLogRepository audit, NotificationRepository notifications) {
        this.dsl = dsl;
        this.views = views;
        this.races = races;
        this.results = results;
        this.audit = audit;
        this.notifications = notifications;
    }

    /** The race as its thread shows it. @throws UserError (not found) when it is gone */
    public RaceView view(long raceId) {
        return views.find(dsl, raceId).orElseThrow(() -> gone(raceId));
    }

    /**
     * Ready: starts the pending race, GO at the press plus {@link #COUNTDOWN}, if the press came before the deadline.
     * A press at or after the deadline forfeits the race at once (audit {@code race_forfeit}, notification
     * {@code timeout_forfeit}), whether or not the pending sweep has run.
     *
     * @param pressedAt when Discord received the press (UTC)
     * @throws UserError refused (not the racer's race), conflict (already started or ended), not found
     */
    public ReadyOutcome ready(long raceId, long discordUserId, Instant pressedAt) {
        return dsl.transactionResult(tx -> {
            DSLContext c = tx.dsl();
            RaceView race = owned(c, raceId, discordUserId);
            Instant goAt = pressedAt.plus(COUNTDOWN);
            if (races.start(c, raceId, pressedAt, goAt)) {
                audit.insertAll(c, List.of(new AuditEntry(actor(discordUserId), "race_ready", "race:" + raceId,
                        Map.of("pressed_at", pressedAt.toString(), "go_at", goAt.toString()), pressedAt)));
                return new ReadyOutcome(true, goAt, race.timeoutAt());
            }
            if (races.forfeitPastDeadline(c, raceId, pressedAt)) {
                audit.insertAll(c, List.of(new AuditEntry(actor(discordUserId), "race_forfeit", "race:" + raceId,
                        Map.of("reason", "Ready pressed after the deadline", "deadline", race.timeoutAt().toString(),
                                "pressed_at", pressedAt.toString()), pressedAt)));
                notifications.insert(c, raceId, RaceTimeoutRepository.TIMEOUT_FORFEIT,
                        Map.of("deadline", race.timeoutAt().toString()), pressedAt);
                return new ReadyOutcome(false, null, race.timeoutAt());
            }
            throw notPending(views.find(c, raceId).orElse(race));
        });
    }

    /**
     * Finish: the elapsed time is {@code pressedAt - started_at}; the permalink is rescored in the same transaction.
     *
     * @param pressedAt when Discord received the press (UTC)
     * @return the race as it is now (time and score)
     * @throws UserError refused (not theirs), conflict (not in progress, or GO not reached yet), not found
     */
    public RaceView finish(long raceId, long discordUserId, Instant pressedAt) {
        RaceView race = owned(dsl, raceId, discordUserId);
        if (race.status() == RaceStatus.in_progress && !pressedAt.isAfter(race.startedAt())) {
            throw UserError.conflict("The race has not started yet: GO is at <t:" + race.startedAt().getEpochSecond()
                    + ":T>.");
        }
        if (!results.finish(raceId, pressedAt, actor(discordUserId))) {
            throw notRunning(view(raceId));
        }
        return view(raceId);
    }

    /**
     * Forfeit: a pending or in-progress race scores 0; cannot be undone.
     *
     * @param at when Discord received the confirmation (UTC)
     * @throws UserError refused (not theirs), conflict (already ended), not found
     */
    public RaceView forfeit(long raceId, long discordUserId, Instant at) {
        owned(dsl, raceId, discordUserId);
        if (!results.forfeit(raceId, at, actor(discordUserId))) {
            throw UserError.conflict("The race has already ended (" + label(view(raceId).status()) + "); nothing "
                    + "was changed.");
        }
        return view(raceId);
    }

    /**
     * Timer: how long the race has been running at {@code at}; negative during the countdown.
     *
     * @throws UserError refused (not theirs), conflict (not in progress), not found
     */
    public Duration elapsed(long raceId, long discordUserId, Instant at) {
        RaceView race = owned(dsl, raceId, discordUserId);
        if (race.status() != RaceStatus.in_progress) {
            throw notRunning(race);
        }
        return Duration.between(race.startedAt(), at);
    }

    /**
     * Sets the VOD link and notes of a finished race, while its tournament is open (audit {@code race_vod}).
     *
     * @param vodUrl an http(s) URL of at most {@link #MAX_VOD_URL} characters, or blank for none
     * @param notes  at most {@link #MAX_NOTES} characters, or blank for none
     * @throws UserError bad input (the link or notes), refused, conflict (not finished; tournament closed)
     */
    public RaceView setVod(long raceId, long discordUserId, String vodUrl, String notes, Instant at) {
        String url = blankToNull(vodUrl);
        String text = blankToNull(notes);
        if (url != null) {
            checkUrl(url);
        }
        if (text != null && text.length() > MAX_NOTES) {
            throw UserError.badInput("The notes have " + text.length() + " characters; at most " + MAX_NOTES
                    + " are accepted.");
        }
        if (text != null) {
            Names.controlCharacterInText("The notes", text).ifPresent(problem -> {
                throw UserError.badInput(problem + ".");
            });
        }
        dsl.transaction(tx -> {
            RaceView race = owned(tx.dsl(), raceId, discordUserId);
            if (race.status() != RaceStatus.finished) {
                throw UserError.conflict("A VOD and notes can be added to a finished race; this one is "
                        + label(race.status()) + ".");
            }
            if (!race.tournamentActive()) {
                throw UserError.conflict(race.tournamentName() + " is closed: its races can no longer be edited.");
            }
            races.setVod(tx.dsl(), raceId, url, text);
            audit.insertAll(tx.dsl(), List.of(new AuditEntry(actor(discordUserId), "race_vod", "race:" + raceId,
                    Map.of("vod_url", url == null ? "" : url, "notes", text == null ? "" : text), at)));
        });
        return view(raceId);
    }

    /**
     * Flags a finished race for the reviewers, once (audit {@code race_review_request}).
     *
     * @param reason why, 1 to {@link #MAX_NOTES} characters
     * @throws UserError bad input (reason), refused, conflict (not finished, or already flagged)
     */
    public RaceView requestReview(long raceId, long discordUserId, String reason, Instant at) {
        String text = blankToNull(reason);
        if (text == null || text.length() > MAX_NOTES) {
            throw UserError.badInput("The reason is required and may have at most " + MAX_NOTES + " characters"
                    + (text == null ? "." : "; it has " + text.length() + "."));
        }
        Names.controlCharacterInText("The reason", text).ifPresent(problem -> {
            throw UserError.badInput(problem + ".");
        });
        dsl.transaction(tx -> {
            RaceView race = owned(tx.dsl(), raceId, discordUserId);
            if (!races.requestReview(tx.dsl(), raceId, text, at)) {
                throw UserError.conflict(race.reviewRequestedAt() != null
                        ? "This race is already flagged for review."
                        : "Only a finished race can be flagged for review; this one is " + label(race.status()) + ".");
            }
            audit.insertAll(tx.dsl(), List.of(new AuditEntry(actor(discordUserId), "race_review_request",
                    "race:" + raceId, Map.of("reason", text), at)));
        });
        return view(raceId);
    }

    private RaceView owned(DSLContext c, long raceId, long discordUserId) {
        RaceView race = views.find(c, raceId).orElseThrow(() -> gone(raceId));
        if (race.racerDiscordUserId() == null || race.racerDiscordUserId() != discordUserId) {
            throw UserError.refused("This is not your race: only " + race.racerName() + " may use its buttons.");
        }
        return race;
    }

    private static UserError notPending(RaceView race) {
        return switch (race.status()) {
            case in_progress -> UserError.conflict("The race already started: GO was at <t:"
                    + race.startedAt().getEpochSecond() + ":T>.");
            default -> UserError.conflict("The race has already ended (" + label(race.status()) + ").");
        };
    }

    private static UserError notRunning(RaceView race) {
        return race.status() == RaceStatus.pending
                ? UserError.conflict("The race has not started: press Ready first.")
                : UserError.conflict("The race has already ended (" + label(race.status()) + ").");
    }

    private static UserError gone(long raceId) {
        return UserError.notFound("Race " + raceId + " no longer exists.");
    }

    private static void checkUrl(String url) {
        if (url.length() > MAX_VOD_URL) {
            throw UserError.badInput("The VOD link has " + url.length() + " characters; at most " + MAX_VOD_URL
                    + " are accepted.");
        }
        if (!HttpUrls.isHttp(url)) {
            throw UserError.badInput("The VOD link must be an http(s) URL such as "
                    + "https://www.twitch.tv/videos/123; got '" + url + "'.");
        }
    }

    private static String label(RaceStatus status) {
        return status.getLiteral().replace('_', ' ');
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String actor(long discordUserId) {
        return "discord:" + discordUserId;
    }
}
