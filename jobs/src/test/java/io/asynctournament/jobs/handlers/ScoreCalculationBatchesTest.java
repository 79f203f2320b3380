package io.asynctournament.jobs.handlers;

import io.asynctournament.db.scoring.ScoringRepository.TournamentRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreCalculationBatchesTest {

    @Test
    void small_tournaments_share_a_batch_until_it_holds_a_thousand_queued_permalinks() {
        List<List<TournamentRef>> batches = ScoreCalculationHandler.batches(List.of(
                t(1, 400), t(2, 500), t(3, 100), t(4, 5), t(5, 2000), t(6, 1)));

        assertThat(batches).extracting(batch -> batch.stream().map(TournamentRef::id).toList())
                .containsExactly(List.of(1L, 2L, 3L), List.of(4L, 5L), List.of(6L));
    }

    @Test
    void no_tournament_no_batch() {
        assertThat(ScoreCalculationHandler.batches(List.of())).isEmpty();
    }

    private static TournamentRef t(long id, int queued) {
        return new TournamentRef(id, "t" + id, queued);
    }
}
