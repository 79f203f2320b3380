package io.asynctournament.bot.config;

import io.asynctournament.db.Database;
import io.asynctournament.db.notification.NotificationRepository;
import io.asynctournament.db.notification.RacerNotificationSettingRepository;
import io.asynctournament.jobs.notifications.NotificationPreferenceService;
import io.asynctournament.db.race.RaceCorrectionRepository;
import io.asynctournament.db.race.RaceStartRepository;
import io.asynctournament.jobs.audit.AuditService;
import io.asynctournament.jobs.races.RaceCorrectionService;
import io.asynctournament.db.race.RaceViewRepository;
import io.asynctournament.db.tournament.TournamentSetupRepository;
import io.asynctournament.jobs.races.RaceService;
import io.asynctournament.jobs.races.RaceStartService;
import io.asynctournament.jobs.tournaments.TournamentService;
import io.asynctournament.db.TournamentRepository;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.race.RaceResultRepository;
import io.asynctournament.db.race.RaceTimeoutRepository;
import io.asynctournament.db.results.ResultsImportRepository;
import io.asynctournament.db.scoring.LeaderboardRepository;
import io.asynctournament.db.scoring.ScoringRepository;
import io.asynctournament.db.task.TaskRunRepository;
import io.asynctournament.jobs.control.TaskControlService;
import io.asynctournament.jobs.health.HealthCheck;
import io.asynctournament.jobs.scheduling.TaskTimeliness;
import io.asynctournament.jobs.scheduling.RecurringJobs;
import io.asynctournament.jobs.tasks.ScheduleParser;
import io.asynctournament.db.GuildRepository;
import io.asynctournament.db.task.TaskSettingRepository;
import org.jobrunr.scheduling.JobRequestScheduler;
import io.asynctournament.jobs.handlers.InProgressTimeoutHandler;
import io.asynctournament.jobs.handlers.PendingTimeoutHandler;
import io.asynctournament.jobs.handlers.ScoreCalculationHandler;
import io.asynctournament.jobs.races.RaceResultService;
import io.asynctournament.jobs.handlers.TaskHandler;
import io.asynctournament.jobs.results.ResultsCsvReader;
import io.asynctournament.jobs.results.ResultsImporter;
import io.asynctournament.jobs.runner.TaskRequestHandler;
import io.asynctournament.jobs.runner.TaskRunner;
import io.asynctournament.jobs.scheduling.JobRunrStorage;
import io.asynctournament.jobs.tasks.TaskCatalog;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;
import java.util.List;

/**
 * What every command needs: the database, repositories, task handlers and runner, the results importer, and JobRunr's
 * storage (read by {@code tasks list}). The CLI uses only this; {@code run} adds {@link SchedulerConfiguration}.
 * A {@link BotSettings} and a {@link DatabaseOwnership} bean are registered by the caller.
 */
@Configuration(proxyBeanMethods = false)
@Import({ResultsConfiguration.class, NotificationBacklogConfiguration.class})
public class CoreConfiguration {

    @Bean(destroyMethod = "close")
    Database database(BotSettings settings, DatabaseOwnership ownership) {
        return ownership.existingOnly() ? Database.openExisting(settings.database(), ownership.poolName())
                : Database.open(settings.database(), ownership.ownsDataDirectory(), ownership.poolName());
    }

    @Bean
    DSLContext dsl(Database database) {
        return database.dsl();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RaceTimeoutRepository raceTimeoutRepository() {
        return new RaceTimeoutRepository();
    }

    @Bean
    AuditLogRepository auditLogRepository() {
        return new AuditLogRepository();
    }

    @Bean
    RaceResultRepository raceResultRepository() {
        return new RaceResultRepository();
    }

    @Bean
    ScoringRepository scoringRepository() {
        return new ScoringRepository();
    }

    @Bean
    LeaderboardRepository leaderboardRepository() {
        return new LeaderboardRepository();
    }

    @Bean
    TaskRunRepository taskRunRepository() {
        return new TaskRunRepository();
    }

    @Bean
    TournamentRepository tournamentRepository() {
        return new TournamentRepository();
    }

    @Bean
    PendingTimeoutHandler pendingTimeoutHandler(DSLContext dsl, Clock clock, RaceTimeoutRepository races) {
        return new PendingTimeoutHandler(dsl, clock, races);
    }

    @Bean
    InProgressTimeoutHandler inProgressTimeoutHandler(DSLContext dsl, Clock clock, RaceTimeoutRepository races) {
        return new InProgressTimeoutHandler(dsl, clock, races);
    }

    @Bean
    RaceResultService raceResultService(DSLContext dsl, Clock clock, RaceResultRepository races,
                                        ScoringRepository scoring, AuditLogRepository audit) {
        return new RaceResultService(dsl, clock, races, scoring, audit);
    }

    @Bean
    ScoreCalculationHandler scoreCalculationHandler(DSLContext dsl, Clock clock, ScoringRepository scoring) {
        return new ScoreCalculationHandler(dsl, clock, scoring);
    }

    @Bean
    TaskCatalog taskCatalog(DSLContext dsl, TaskSettingRepository settings) {
        return new TaskCatalog(dsl, settings);
    }

    @Bean
    TaskRunner taskRunner(Database database, Clock clock, TaskRunRepository runs, List<TaskHandler> handlers) {
        return new TaskRunner(database.dataSource(), database.dsl(), clock, runs, handlers);
    }

    @Bean
    TaskRequestHandler taskRequestHandler(TaskCatalog catalog, TaskRunner runner) {
        return new TaskRequestHandler(catalog, runner);
    }

    @Bean
    ResultsImporter resultsImporter(DSLContext dsl, Clock clock, TournamentRepository tournaments) {
        return new ResultsImporter(dsl, new ResultsCsvReader(clock), new ResultsImportRepository(), tournaments);
    }

    @Bean
    JsonMapper jobRunrJsonMapper() {
        return JobRunrStorage.jsonMapper();
    }

    @Bean(destroyMethod = "close")
    StorageProvider storageProvider(Database database, JsonMapper jsonMapper) {
        return JobRunrStorage.create(database.dataSource(), jsonMapper);
    }

    @Bean
    TournamentSetupRepository tournamentSetupRepository() {
        return new TournamentSetupRepository();
    }

    @Bean
    RaceStartRepository raceStartRepository() {
        return new RaceStartRepository();
    }

    @Bean
    RaceViewRepository raceViewRepository() {
        return new RaceViewRepository();
    }

    @Bean
    NotificationRepository notificationRepository() {
        return new NotificationRepository();
    }

    @Bean
    TournamentService tournamentService(DSLContext dsl, Clock clock, GuildRepository guilds,
                                        TournamentSetupRepository tournaments, TaskCatalog catalog,
                                        AuditLogRepository audit) {
        return new TournamentService(dsl, clock, guilds, tournaments, catalog, audit);
    }

    @Bean
    RaceStartService raceStartService(DSLContext dsl, TournamentSetupRepository tournaments,
                                      RaceStartRepository starts, TaskCatalog catalog, AuditLogRepository audit) {
        return new RaceStartService(dsl, tournaments, starts, catalog, audit);
    }

    @Bean
    RaceService raceService(DSLContext dsl, RaceViewRepository views, RaceResultRepository races,
                            RaceResultService results, AuditLogRepository audit, NotificationRepository notifications) {
        return new RaceService(dsl, views, races, results, audit, notifications);
    }

    @Bean
    RacerNotificationSettingRepository racerNotificationSettingRepository() {
        return new RacerNotificationSettingRepository();
    }

    @Bean
    NotificationPreferenceService notificationPreferenceService(DSLContext dsl, RaceStartRepository racers,
                                                                RacerNotificationSettingRepository settings,
                                                                AuditLogRepository audit) {
        return new NotificationPreferenceService(dsl, racers, settings, audit);
    }

    @Bean
    RaceCorrectionRepository raceCorrectionRepository() {
        return new RaceCorrectionRepository();
    }

    @Bean
    RaceCorrectionService raceCorrectionService(DSLContext dsl, Clock clock, RaceCorrectionRepository corrections,
                                                RaceResultRepository races, RaceResultService results,
                                                TournamentSetupRepository tournaments, TournamentService service,
                                                AuditLogRepository audit, NotificationRepository notifications) {
        return new RaceCorrectionService(dsl, clock, corrections, races, results, tournaments, service, audit,
                notifications);
    }

    @Bean
    AuditService auditService(DSLContext dsl, AuditLogRepository audit, RaceResultRepository races,
                              TournamentSetupRepository tournaments, TournamentService service) {
        return new AuditService(dsl, audit, races, tournaments, service);
    }

    @Bean
    TaskSettingRepository taskSettingRepository() {
        return new TaskSettingRepository();
    }

    @Bean
    GuildRepository guildRepository() {
        return new GuildRepository();
    }

    @Bean
    JobRequestScheduler jobRequestScheduler(StorageProvider storage) {
        return new JobRequestScheduler(storage);
    }

    @Bean
    RecurringJobs recurringJobs(JobRequestScheduler scheduler, StorageProvider storage) {
        return new RecurringJobs(scheduler, storage);
    }

    @Bean
    TaskTimeliness taskTimeliness(DSLContext dsl, TaskCatalog catalog, TaskRunRepository runs,
                                  RecurringJobs recurringJobs) {
        return new TaskTimeliness(dsl, catalog, runs, recurringJobs);
    }

    @Bean
    HealthCheck healthCheck(DSLContext dsl, Clock clock, StorageProvider storage, TaskTimeliness timeliness,
                            BotSettings settings) {
        return new HealthCheck(dsl, clock, storage, timeliness, settings.pollInterval());
    }

    @Bean
    ScheduleParser scheduleParser(BotSettings settings) {
        return new ScheduleParser(settings.pollInterval());
    }

    @Bean
    TaskControlService taskControlService(Database database, Clock clock, TaskCatalog catalog,
                                          TaskSettingRepository settings, GuildRepository guilds,
                                          TournamentRepository tournaments, TaskRunRepository runs,
                                          AuditLogRepository audit, RecurringJobs recurringJobs,
                                          JobRequestScheduler jobs, TaskRunner runner) {
        return new TaskControlService(database.dsl(), database.dataSource(), clock, catalog, settings, guilds,
                tournaments, runs, audit, recurringJobs, jobs, runner);
    }

    /**
     * Whether this process must own an embedded data directory (the bot) or may attach to a running bot's (the CLI).
     *
     * @param ownsDataDirectory true for {@code run}
     * @param existingOnly      true for CLI commands that only read: an embedded data directory without a database
     *                          is refused, and none is created
     * @param poolName          the connection pool's name in logs
     */
    public record DatabaseOwnership(boolean ownsDataDirectory, boolean existingOnly, String poolName) {
        /** A process that may create the database. */
        public DatabaseOwnership(boolean ownsDataDirectory, String poolName) {
            this(ownsDataDirectory, false, poolName);
        }
    }
}
