package io.asynctournament.bench;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The way the established bots score: for each permalink, load its races, compute the par time and the scores in
 * the application, and write them back one statement per race. It writes what the bot's SQL writes (par times; a
 * {@code race_score} row for each eligible run, none for the others), so both end in the same state. Plain JDBC with
 * prepared statements; {@code autoCommit} true is an ORM saving each race on its own, false commits once per
 * permalink.
 */
final class PerRaceBaseline {
    private final DataSource dataSource;

    PerRaceBaseline(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Scores every permalink of the tournaments; returns the number of race statements written. */
    int run(List<Long> tournamentIds, Instant now, boolean autoCommit) {
        record Run(long id, String status, boolean reattempted, String review, BigDecimal elapsed) {
            boolean eligible() {
                return "finished".equals(status) && !reattempted && !"rejected".equals(review);
            }
        }
        int written = 0;
        Timestamp at = Timestamp.from(now);
        try (Connection c = dataSource.getConnection();
             PreparedStatement permalinks = c.prepareStatement(
                     "select p.id from permalink p join pool o on o.id = p.pool_id where o.tournament_id = any(?) "
                             + "order by p.id");
             PreparedStatement races = c.prepareStatement("select id, status::text, reattempted, "
                     + "review_status::text, elapsed_seconds from race where permalink_id = ?");
             PreparedStatement par = c.prepareStatement(
                     "update permalink set par_time = ?, par_updated_at = ? where id = ?");
             PreparedStatement score = c.prepareStatement("insert into race_score (race_id, score, scored_at) "
                     + "values (?, ?, ?) on conflict (race_id) do update set score = excluded.score, "
                     + "scored_at = excluded.scored_at");
             PreparedStatement unscore = c.prepareStatement("delete from race_score where race_id = ?")) {
            c.setAutoCommit(true);
            permalinks.setArray(1, c.createArrayOf("bigint", tournamentIds.toArray()));
            List<Long> permalinkIds = new ArrayList<>();
            try (ResultSet rs = permalinks.executeQuery()) {
                while (rs.next()) {
                    permalinkIds.add(rs.getLong(1));
                }
            }
            c.setAutoCommit(autoCommit);
            for (long permalink : permalinkIds) {
                List<Run> runs = new ArrayList<>();
                races.setLong(1, permalink);
                try (ResultSet rs = races.executeQuery()) {
                    while (rs.next()) {
                        runs.add(new Run(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                                rs.getBigDecimal(5)));
                    }
                }
                List<BigDecimal> fastest = runs.stream().filter(Run::eligible).map(Run::elapsed)
                        .sorted(Comparator.naturalOrder()).limit(5).toList();
                Double parTime = fastest.isEmpty() ? null : fastest.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                        .divide(BigDecimal.valueOf(fastest.size()), MathContext.DECIMAL128).doubleValue();
                par.setObject(1, parTime);
                par.setTimestamp(2, at);
                par.setLong(3, permalink);
                par.executeUpdate();
                for (Run run : runs) {
                    if (run.eligible()) {
                        double ratio = run.elapsed().doubleValue() / parTime;
                        score.setLong(1, run.id());
                        score.setDouble(2, Math.min(Math.max((2 - ratio) * 100, 0), 105));
                        score.setTimestamp(3, at);
                        score.executeUpdate();
                    } else {
                        unscore.setLong(1, run.id());
                        unscore.executeUpdate();
                    }
                    written++;
                }
                if (!autoCommit) {
                    c.commit();
                }
            }
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException("The per-race baseline failed", e);
        }
        return written;
    }
}
