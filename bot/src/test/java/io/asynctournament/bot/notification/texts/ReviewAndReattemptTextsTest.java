package io.asynctournament.bot.notification.texts;

import io.asynctournament.bot.notification.NotificationText;
import io.asynctournament.db.generated.enums.RaceStatus;
import io.asynctournament.db.notification.OutboxNotification;
import io.asynctournament.db.race.RaceView;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The racer's messages about review and reattempts, as the dispatcher would post them (README "Review"). */
class ReviewAndReattemptTextsTest {
    private static final Instant AT = Instant.parse("2026-05-01T18:00:00Z");

    @Test
    void a_rejection_gives_the_reviewers_notes_and_no_score_even_with_a_score_known_and_results_hidden() {
        String text = render(new ReviewRejectedText(), "review_rejected", Map.of("notes", "the VOD skips 2 minutes",
                "reviewed_by", "discord:44"), race(true, true));
        assertThat(text).contains("race 7, Any%").contains("**rejected**").contains("Spring Cup")
                .contains("scores 0").contains("Reviewer's notes: the VOD skips 2 minutes")
                .doesNotContain("87.5").doesNotContain("44");
    }

    @Test
    void an_acceptance_gives_the_notes_when_there_are_some_and_never_a_score() {
        assertThat(render(new ReviewAcceptedText(), "review_accepted", Map.of("notes", "", "reviewed_by", "x"),
                race(true, true))).contains("**accepted**").doesNotContain("notes").doesNotContain("87.5");
        assertThat(render(new ReviewAcceptedText(), "review_accepted", Map.of("notes", "nice route"),
                race(false, true))).contains("Reviewer's notes: nice route").doesNotContain("87.5");
    }

    @Test
    void an_admins_reattempt_change_gives_the_reason_and_offers_the_pool_again_only_while_the_tournament_is_open() {
        NotificationText marked = new ReattemptMarkedText();
        assertThat(render(marked, "reattempt_marked", Map.of("reason", "stream crashed"), race(true, true)))
                .contains("**reattempted**").contains("Reason: stream crashed").contains("run Any% again");
        assertThat(render(marked, "reattempt_marked", Map.of("reason", "stream crashed"), race(true, false)))
                .doesNotContain("again");
        assertThat(render(new ReattemptUnmarkedText(), "reattempt_unmarked", Map.of("reason", "our mistake"),
                race(false, true))).contains("**count again**").contains("Reason: our mistake");
    }

    @Test
    void every_kind_has_one_renderer() {
        assertThat(List.of(new ReviewAcceptedText().kind(), new ReviewRejectedText().kind(),
                new ReattemptMarkedText().kind(), new ReattemptUnmarkedText().kind()))
                .containsExactly("review_accepted", "review_rejected", "reattempt_marked", "reattempt_unmarked");
    }

    private static String render(NotificationText text, String kind, Map<String, Object> payload, RaceView race) {
        assertThat(text.kind()).isEqualTo(kind);
        return text.render(new OutboxNotification(1, race.raceId(), kind, payload, AT, 0), race).getContent();
    }

    private static RaceView race(boolean hideResults, boolean active) {
        return new RaceView(7, 3, "Spring Cup", active, hideResults, "Any%", "https://example.org/seed/1", null, 41L,
                "Link", RaceStatus.finished, 9001L, AT, AT, AT.plusSeconds(3600), new BigDecimal("3600.000"), 87.5,
                null, null, null);
    }
}
