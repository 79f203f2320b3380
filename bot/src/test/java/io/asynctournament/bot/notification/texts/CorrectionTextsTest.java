package io.asynctournament.bot.notification.texts;

import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.notification.OutboxNotification;
import io.asynctournament.db.race.RaceView;
import io.asynctournament.jobs.races.RaceCorrectionService;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What racers read for the notifications of corrections and extensions (README "Corrections and deadline extensions"). */
class CorrectionTextsTest {
    static final Instant CREATED = Instant.parse("2026-05-01T10:00:00Z");
    static final Instant DEADLINE = Instant.parse("2026-05-01T10:45:00Z");

    private final RunCorrectedText corrected = new RunCorrectedText();
    private final DeadlineExtendedText extended = new DeadlineExtendedText();

    @Test
    void a_correction_shows_before_after_reason_and_the_score_when_results_are_not_hidden() {
        String text = corrected.render(correction(), race(false, true, RaceStatus.finished, 87.5)).getContent();
        assertThat(corrected.kind()).isEqualTo(RaceCorrectionService.RUN_CORRECTED);
        assertThat(text).isEqualTo("Your result in **Spring Cup** (Any%) was corrected by the tournament's admins on "
                + "<t:" + CREATED.getEpochSecond() + ":F>: **finished in 1:00:00** → **finished in 0:45:00**."
                + "\nReason: the timer was started late\nYour score now: **87.50**.");
    }

    @Test
    void while_an_open_tournament_hides_results_the_racer_sees_no_score_and_after_it_closes_they_do() {
        String hidden = corrected.render(correction(), race(true, true, RaceStatus.finished, 87.5)).getContent();
        assertThat(hidden).doesNotContain("score").doesNotContain("87");
        String closed = corrected.render(correction(), race(true, false, RaceStatus.finished, 87.5)).getContent();
        assertThat(closed).contains("Your score now: **87.50**.");
    }

    @Test
    void a_forfeit_reads_without_a_time() {
        OutboxNotification n = new OutboxNotification(2, 42, RaceCorrectionService.RUN_CORRECTED, Map.of(
                "before", Map.of("status", "finished", "elapsed", "1:00:00"),
                "after", Map.of("status", "forfeit", "elapsed", "none"), "reason", "left early"), CREATED, 0);
        assertThat(corrected.render(n, race(true, true, RaceStatus.forfeit, 0.0)).getContent())
                .contains("**finished in 1:00:00** → **forfeit**.").contains("Reason: left early")
                .doesNotContain("score");
        assertThat(corrected.endsRace()).isFalse();
        assertThat(corrected.isWarning()).isFalse();
    }

    @Test
    void an_extension_gives_the_deadline_as_discord_timestamps_and_is_superseded_once_the_race_started() {
        OutboxNotification n = new OutboxNotification(3, 42, RaceCorrectionService.DEADLINE_EXTENDED, Map.of(
                "deadline", DEADLINE.toString(), "previous_deadline", CREATED.toString(), "minutes", 30), CREATED, 0);
        RaceView pending = race(false, true, RaceStatus.pending, null);
        assertThat(extended.kind()).isEqualTo(RaceCorrectionService.DEADLINE_EXTENDED);
        assertThat(extended.render(n, pending).getContent()).isEqualTo("The tournament's admins gave you more time "
                + "(30 more minute(s)): press **Ready** before <t:" + DEADLINE.getEpochSecond() + ":F> (<t:"
                + DEADLINE.getEpochSecond() + ":R>). You will be warned again before this deadline (unless you turned "
                + "warnings off with `/async notifications`).");
        assertThat(extended.supersededReason(n, pending)).isEmpty();
        assertThat(extended.supersededReason(n, race(false, true, RaceStatus.in_progress, null)))
                .contains("the race is in progress now: the new deadline no longer matters");
    }

    private static OutboxNotification correction() {
        return new OutboxNotification(1, 42, RaceCorrectionService.RUN_CORRECTED, Map.of(
                "before", Map.of("status", "finished", "elapsed", "1:00:00"),
                "after", Map.of("status", "finished", "elapsed", "0:45:00"),
                "reason", "the timer was started late"), CREATED, 0);
    }

    private static RaceView race(boolean hideResults, boolean open, RaceStatus status, Double score) {
        return new RaceView(42, 7, "Spring Cup", open, hideResults, "Any%", "https://example.org/seed/1", null,
                61L, "Link", status, 9001L, DEADLINE, null, null,
                status == RaceStatus.finished ? new BigDecimal("2700") : null, score, null, null, null);
    }
}
