package io.asynctournament.bot.discord.leaderboard;

import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.leaderboard.LiveLeaderboardRepository;
import io.asynctournament.db.race.RacerRunRepository;
import io.asynctournament.db.scoring.LeaderboardRepository;
import io.asynctournament.db.tournament.TournamentSetupRepository;
import io.asynctournament.jobs.leaderboards.LeaderboardService;
import io.asynctournament.jobs.leaderboards.LiveLeaderboardService;
import io.asynctournament.jobs.tournaments.TournamentService;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The services of leaderboards in Discord (README "Leaderboards"); only the bot process needs them. */
@Configuration(proxyBeanMethods = false)
public class LeaderboardConfiguration {

    @Bean
    LeaderboardService leaderboardService(DSLContext dsl, TournamentSetupRepository tournaments,
                                          TournamentService tournamentService, LeaderboardRepository leaderboards) {
        return new LeaderboardService(dsl, tournaments, tournamentService, leaderboards, new RacerRunRepository());
    }

    @Bean
    LiveLeaderboardService liveLeaderboardService(DSLContext dsl, Clock clock, TournamentService tournaments,
                                                  AuditLogRepository audit) {
        return new LiveLeaderboardService(dsl, clock, new LiveLeaderboardRepository(), tournaments, audit);
    }
}
