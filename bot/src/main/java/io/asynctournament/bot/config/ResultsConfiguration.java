package io.asynctournament.bot.config;

import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.notification.NotificationRepository;
import io.asynctournament.db.race.RaceStartRepository;
import io.asynctournament.db.race.ReattemptRepository;
import io.asynctournament.db.review.ReviewRepository;
import io.asynctournament.db.tournament.TournamentSetupRepository;
import io.asynctournament.jobs.races.RaceResultService;
import io.asynctournament.jobs.races.ReattemptService;
import io.asynctournament.jobs.races.ReviewService;
import io.asynctournament.jobs.tournaments.TournamentService;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Review and reattempts (README "Review", "Reattempts"): their repositories and services. */
@Configuration(proxyBeanMethods = false)
public class ResultsConfiguration {

    @Bean
    ReviewRepository reviewRepository() {
        return new ReviewRepository();
    }

    @Bean
    ReattemptRepository reattemptRepository() {
        return new ReattemptRepository();
    }

    @Bean
    ReviewService reviewService(DSLContext dsl, TournamentSetupRepository tournamentRows,
                                TournamentService tournaments, ReviewRepository reviews, RaceResultService results,
                                AuditLogRepository audit, NotificationRepository notifications) {
        return new ReviewService(dsl, tournamentRows, tournaments, reviews, results, audit, notifications);
    }

    @Bean
    ReattemptService reattemptService(DSLContext dsl, TournamentSetupRepository tournamentRows,
                                      TournamentService tournaments, ReattemptRepository reattempts,
                                      RaceStartRepository starts, RaceResultService results,
                                      AuditLogRepository audit, NotificationRepository notifications) {
        return new ReattemptService(dsl, tournamentRows, tournaments, reattempts, starts, results, audit,
                notifications);
    }
}
