package io.asynctournament.bot.config;

import io.asynctournament.bot.discord.DiscordSettings;
import io.asynctournament.dashboard.DashboardSettings;
import io.asynctournament.db.DatabaseSettings;
import io.asynctournament.jobs.errors.UserError;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything the process reads from its environment, checked once at startup.
 *
 * @param database     where the database is
 * @param dashboard    dashboard port and credentials
 * @param discord      the Discord token, operators and command registration scope
 * @param pollInterval JobRunr's poll interval ({@code JOBRUNR_POLL_SECONDS}, default 5 s, at least 5 s)
 * @param raceThreadArchive how long after a race ended its thread is archived ({@code RACE_THREAD_ARCHIVE_MINUTES},
 *                          default 60 minutes, 1 to 10,080; README "Racer guide")
 * @param notificationPoll  how often the notification dispatcher looks for due notifications without being woken
 *                          ({@code NOTIFICATION_POLL_SECONDS}, default 30 s, 1 to 3,600; README "What racers receive")
 * @param notificationRetention how long sent, superseded and skipped notifications are kept before the bot prunes
 *                              them ({@code NOTIFICATION_RETENTION_DAYS}, default 30 days, 1 to 3,650; README
 *                              "Notifications: seeing and retrying the backlog")
 */
public record BotSettings(DatabaseSettings database, DashboardSettings dashboard, DiscordSettings discord,
                          Duration pollInterval, Duration raceThreadArchive, Duration notificationPoll,
                          Duration notificationRetention) {

    /** Settings with the default notification poll (30 s) and retention (30 days). */
    public BotSettings(DatabaseSettings database, DashboardSettings dashboard, DiscordSettings discord,
                       Duration pollInterval, Duration raceThreadArchive) {
        this(database, dashboard, discord, pollInterval, raceThreadArchive, DEFAULT_NOTIFICATION_POLL,
                DEFAULT_NOTIFICATION_RETENTION);
    }

    /** Settings with the default thread archiving delay (60 minutes). */
    public BotSettings(DatabaseSettings database, DashboardSettings dashboard, DiscordSettings discord,
                       Duration pollInterval) {
        this(database, dashboard, discord, pollInterval, DEFAULT_THREAD_ARCHIVE);
    }

    /** The default of {@code NOTIFICATION_POLL_SECONDS}. */
    public static final Duration DEFAULT_NOTIFICATION_POLL = Duration.ofSeconds(30);

    /** The default of {@code RACE_THREAD_ARCHIVE_MINUTES}. */
    public static final Duration DEFAULT_THREAD_ARCHIVE = Duration.ofMinutes(60);

    /** The default of {@code NOTIFICATION_RETENTION_DAYS}. */
    public static final Duration DEFAULT_NOTIFICATION_RETENTION = Duration.ofDays(30);

    /**
     * Reads the settings.
     *
     * @param dataDirectory the {@code --data-dir} option, or null for {@code ./data}
     * @throws UserError (bad input) naming the variable that is wrong and what is accepted
     */
    public static BotSettings fromEnvironment(Map<String, String> env, Path dataDirectory) {
        return checked(() -> new BotSettings(DatabaseSettings.fromEnvironment(env, dataDirectory),
                DashboardSettings.fromEnvironment(env), DiscordSettings.fromEnvironment(env),
                pollInterval(env.get("JOBRUNR_POLL_SECONDS")), threadArchive(env.get("RACE_THREAD_ARCHIVE_MINUTES")),
                notificationPoll(env.get("NOTIFICATION_POLL_SECONDS")),
                notificationRetention(env.get("NOTIFICATION_RETENTION_DAYS"))));
    }

    /**
     * The settings a CLI command needs: the database and the poll interval. The dashboard's and Discord's settings
     * are not read (a CLI command starts neither), so a bad value there does not stop it.
     */
    public static BotSettings forCli(Map<String, String> env, Path dataDirectory) {
        return checked(() -> new BotSettings(DatabaseSettings.fromEnvironment(env, dataDirectory),
                DashboardSettings.fromEnvironment(Map.of()), DiscordSettings.fromEnvironment(Map.of()),
                pollInterval(env.get("JOBRUNR_POLL_SECONDS"))));
    }

    /**
     * The settings readers of the lower modules (database, dashboard) throw IllegalArgumentException naming the
     * setting; here, at the one place settings are read, that becomes the bot's user error (bad input).
     */
    private static BotSettings checked(Supplier<BotSettings> read) {
        try {
            return read.get();
        } catch (UserError e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw UserError.badInput(e.getMessage(), e);
        }
    }

    private static Duration threadArchive(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_THREAD_ARCHIVE;
        }
        try {
            int minutes = Integer.parseInt(text.trim());
            if (minutes >= 1 && minutes <= 10_080) {
                return Duration.ofMinutes(minutes);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw UserError.badInput("RACE_THREAD_ARCHIVE_MINUTES must be a whole number of minutes from 1 to 10080 "
                + "(a week), got '" + text + "'");
    }

    private static Duration notificationPoll(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_NOTIFICATION_POLL;
        }
        try {
            int seconds = Integer.parseInt(text.trim());
            if (seconds >= 1 && seconds <= 3600) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw UserError.badInput("NOTIFICATION_POLL_SECONDS must be a whole number of seconds from 1 to 3600, got '"
                + text + "'");
    }

    private static Duration notificationRetention(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_NOTIFICATION_RETENTION;
        }
        try {
            int days = Integer.parseInt(text.trim());
            if (days >= 1 && days <= 3650) {
                return Duration.ofDays(days);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw UserError.badInput("NOTIFICATION_RETENTION_DAYS must be a whole number of days from 1 to 3650 "
                + "(ten years), got '" + text + "'");
    }

    private static Duration pollInterval(String text) {
        if (text == null || text.isBlank()) {
            return Duration.ofSeconds(5);
        }
        try {
            int seconds = Integer.parseInt(text.trim());
            if (seconds >= 5 && seconds <= 3600) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw UserError.badInput("JOBRUNR_POLL_SECONDS must be a whole number of seconds from 5 to 3600, got '"
                + text + "'");
    }
}
