package io.asynctournament.bot.cli;

import io.asynctournament.db.scoring.LeaderboardRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LeaderboardFormatTest {

    @Test
    void a_name_a_spreadsheet_would_run_as_a_formula_is_written_as_text_in_the_csv() {
        List<LeaderboardRow> rows = List.of(
                new LeaderboardRow(1, "=HYPERLINK(\"http://evil.example\",\"x\")", 100.0, 100.0, 1, 0),
                new LeaderboardRow(2, "@SUM(1+1)", 90.5, null, 1, 0),
                new LeaderboardRow(3, "-Link-", 80.0, 80.0, 1, 0),
                new LeaderboardRow(4, "Zelda = Link", 70.0, 70.0, 1, 0));
        StringBuilder out = new StringBuilder();
        LeaderboardFormat.csv.print(rows, out);
        assertThat(out.toString()).isEqualTo("""
                rank,runner,score,estimate,finished,forfeited
                1,"'=HYPERLINK(""http://evil.example"",""x"")",100.0,100.0,1,0
                2,'@SUM(1+1),90.5,,1,0
                3,'-Link-,80.0,80.0,1,0
                4,Zelda = Link,70.0,70.0,1,0
                """);
    }
}
