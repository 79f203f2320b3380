package io.asynctournament.dashboard;

import org.jobrunr.dashboard.JobRunrDashboardWebServer;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;

import static org.jobrunr.dashboard.JobRunrDashboardWebServerConfiguration.usingStandardDashboardConfiguration;

/**
 * JobRunr's dashboard for operators: basic auth on every page, API call and event stream, anonymous usage reporting
 * off. JobRunr's web server listens on all interfaces (it has no bind option): put it behind a firewall or proxy.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);

    private final JobRunrDashboardWebServer server;
    private final DashboardSettings settings;

    public DashboardServer(StorageProvider storageProvider, JsonMapper jsonMapper, DashboardSettings settings) {
        this.settings = settings;
        this.server = new JobRunrDashboardWebServer(storageProvider, jsonMapper, usingStandardDashboardConfiguration()
                .andPort(settings.port())
                .andBasicAuthentication(settings.user(), settings.password())
                .andAllowAnonymousDataUsage(false));
    }

    /**
     * Starts serving; prints a generated password once to {@code out}.
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    public void start(PrintStream out) {
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("The dashboard could not listen on port " + settings.port()
                    + " (set DASHBOARD_PORT to a free port): " + e.getMessage(), e);
        }
        log.info("JobRunr dashboard on http://localhost:{}/dashboard (user {})", settings.port(), settings.user());
        if (settings.passwordGenerated()) {
            out.println("Dashboard: http://localhost:" + settings.port() + "/dashboard  user: " + settings.user()
                    + "  password (generated, shown once; set DASHBOARD_PASSWORD to choose one): "
                    + settings.password());
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
