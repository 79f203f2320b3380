package io.asynctournament.bot.notification.texts;

import io.asynctournament.db.race.RaceView;
import io.asynctournament.db.tournament.TournamentSetupRepository;
import io.asynctournament.jobs.tasks.TaskCatalog;
import io.asynctournament.jobs.tasks.TournamentTimeouts;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What the notification texts quote: the race's tournament's effective timeouts (its own overrides, else the tasks'
 * settings, README "Config keys, by task type"), and instants as Discord timestamps.
 */
@Component
public final class RaceSettings {
    private final DSLContext dsl;
    private final TournamentSetupRepository tournaments;
    private final TaskCatalog catalog;

    public RaceSettings(DSLContext dsl, TournamentSetupRepository tournaments, TaskCatalog catalog) {
        this.dsl = dsl;
        this.tournaments = tournaments;
        this.catalog = catalog;
    }

    /**
     * The effective timeouts of the race's tournament now.
     *
     * @throws IllegalStateException when the tournament is gone
     */
    public TournamentTimeouts timeouts(RaceView race) {
        return tournaments.find(dsl, race.tournamentId())
                .map(t -> catalog.timeoutsFor(t.guildId(), t.warningMinutes(), t.timeoutMinutes(), t.maxHours()))
                .orElseThrow(() -> new IllegalStateException("tournament " + race.tournamentId() + " is gone"));
    }

    /**
     * The {@code deadline} of a notification's payload (ISO-8601, with an offset or {@code Z}), else {@code fallback}.
     */
    public static Instant deadline(Map<String, Object> payload, Instant fallback) {
        Object value = payload.get("deadline");
        if (value == null) {
            return fallback;
        }
        String text = value.toString();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                return fallback;
            }
        }
    }

    /** {@code <t:EPOCH:F> (<t:EPOCH:R>)}: the instant in the reader's time zone, and how far it is. */
    public static String when(Instant at) {
        long seconds = at.getEpochSecond();
        return "<t:" + seconds + ":F> (<t:" + seconds + ":R>)";
    }

    /** "1 minute", "10 minutes". */
    static String count(int value, String unit) {
        return value + " " + unit + (value == 1 ? "" : "s");
    }
}
