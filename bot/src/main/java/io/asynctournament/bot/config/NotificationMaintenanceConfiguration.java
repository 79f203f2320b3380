package io.asynctournament.bot.config;

import io.asynctournament.bot.notification.BacklogMonitor;
import io.asynctournament.bot.notification.NotificationPruner;
import io.asynctournament.jobs.notifications.NotificationBacklogService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The bot process's care of the notification outbox, whether or not Discord is connected: the backlog's warning in
 * the log ({@link BacklogMonitor}) and the pruning of ended rows ({@link NotificationPruner}). README "Notifications:
 * seeing and retrying the backlog".
 */
@Configuration(proxyBeanMethods = false)
public class NotificationMaintenanceConfiguration {

    @Bean(destroyMethod = "close")
    BacklogMonitor backlogMonitor(NotificationBacklogService backlog, Clock clock) {
        BacklogMonitor monitor = new BacklogMonitor(backlog, clock);
        monitor.start(BacklogMonitor.CHECK_EVERY);
        return monitor;
    }

    @Bean(destroyMethod = "close")
    NotificationPruner notificationPruner(NotificationBacklogService backlog, Clock clock, BotSettings settings) {
        NotificationPruner pruner = new NotificationPruner(backlog, clock, settings.notificationRetention());
        pruner.start(NotificationPruner.TICK);
        return pruner;
    }
}
