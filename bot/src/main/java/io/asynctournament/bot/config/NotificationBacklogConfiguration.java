package io.asynctournament.bot.config;

import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.notification.NotificationBacklogRepository;
import io.asynctournament.jobs.notifications.NotificationBacklogService;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The operators' view of the notification outbox, for every command ({@code notifications}, {@code tasks list}) and
 * the bot process: README "Notifications: seeing and retrying the backlog". Imported by {@link CoreConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class NotificationBacklogConfiguration {

    @Bean
    NotificationBacklogRepository notificationBacklogRepository() {
        return new NotificationBacklogRepository();
    }

    @Bean
    NotificationBacklogService notificationBacklogService(DSLContext dsl, Clock clock,
                                                          NotificationBacklogRepository backlog,
                                                          AuditLogRepository audit) {
        return new NotificationBacklogService(dsl, clock, backlog, audit);
    }
}
