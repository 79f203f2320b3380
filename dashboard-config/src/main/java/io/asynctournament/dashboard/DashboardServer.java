package io.asynctournament.dashboard;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import org.jobrunr.dashboard.JobRunrApiHandler;
import org.jobrunr.dashboard.JobRunrSseHandler;
import org.jobrunr.dashboard.JobRunrStaticFileHandler;
import org.jobrunr.dashboard.server.HttpExchangeHandler;
import org.jobrunr.dashboard.server.http.RedirectHttpHandler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.ThreadSafeStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JobRunr's dashboard for operators, served by our own JDK {@link HttpServer} with JobRunr's own handlers (pages, API,
 * event stream), because JobRunr's {@code JobRunrDashboardWebServer} can neither bind one address nor take another
 * authenticator or a filter (its hooks are package-private). On top of JobRunr's dashboard: it listens on
 * {@code DASHBOARD_BIND} only; basic auth ({@link DashboardAuthenticator}) that answers a malformed header with 401 and
 * slows repeated failed logins per client ({@link LoginThrottle}); and state-changing requests from another origin are
 * refused ({@link SameOriginFilter}). Anonymous usage reporting is off. README, "Reliability and security".
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);

    private final StorageProvider storageProvider;
    private final JsonMapper jsonMapper;
    private final DashboardSettings settings;
    private final LoginThrottle throttle;
    private HttpServer server;
    private ExecutorService executor;
    private List<HttpExchangeHandler> handlers = List.of();

    public DashboardServer(StorageProvider storageProvider, JsonMapper jsonMapper, DashboardSettings settings) {
        this(storageProvider, jsonMapper, settings, Clock.systemUTC());
    }

    /** @param clock the time source of the login throttle (tests move it) */
    public DashboardServer(StorageProvider storageProvider, JsonMapper jsonMapper, DashboardSettings settings,
                           Clock clock) {
        this.storageProvider = new ThreadSafeStorageProvider(storageProvider);
        this.jsonMapper = jsonMapper;
        this.settings = settings;
        this.throttle = new LoginThrottle(clock);
    }

    /**
     * Starts serving; prints a generated password once to {@code out}.
     *
     * @throws IllegalStateException when the address and port cannot be bound
     */
    public synchronized void start(PrintStream out) {
        InetSocketAddress address = settings.bind().map(a -> new InetSocketAddress(a, settings.port()))
                .orElseGet(() -> new InetSocketAddress(settings.port()));
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The dashboard could not listen on " + (settings.bind().isPresent()
                    ? settings.displayHost() + ":" + settings.port() : "port " + settings.port())
                    + " (set DASHBOARD_PORT to a free port, DASHBOARD_BIND to an address of this machine): "
                    + e.getMessage(), e);
        }
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "dashboard-" + threads.incrementAndGet());
            thread.setDaemon(true);
            // JobRunr's handlers load the dashboard's files through the context class loader
            thread.setContextClassLoader(classLoader);
            return thread;
        });
        server.setExecutor(executor);
        DashboardAuthenticator authenticator = new DashboardAuthenticator(settings.user(), settings.password(),
                throttle);
        SameOriginFilter sameOrigin = new SameOriginFilter();
        HttpExchangeHandler redirect = new RedirectHttpHandler("/", "/dashboard");
        handlers = List.of(redirect, new JobRunrStaticFileHandler(),
                new JobRunrApiHandler(storageProvider, jsonMapper, false),
                new JobRunrSseHandler(storageProvider, jsonMapper));
        for (HttpExchangeHandler handler : handlers) {
            HttpContext context = server.createContext(handler.getContextPath(), handler);
            context.getFilters().add(sameOrigin);
            if (handler != redirect) {
                context.setAuthenticator(authenticator);
            }
        }
        server.start();
        String where = "http://" + settings.displayHost() + ":" + settings.port() + "/dashboard";
        log.info("JobRunr dashboard on {} (user {}; listening on {})", where, settings.user(),
                settings.bind().isPresent() ? settings.displayHost() + " only" : "every interface");
        if (settings.passwordGenerated()) {
            out.println("Dashboard: " + where + "  user: " + settings.user()
                    + "  password (generated, shown once; set DASHBOARD_PASSWORD to choose one): "
                    + settings.password());
        }
    }

    /** The address and port the dashboard listens on (a port of 0 in the settings is resolved here). */
    public synchronized InetSocketAddress address() {
        if (server == null) {
            throw new IllegalStateException("the dashboard is not started");
        }
        return server.getAddress();
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        for (HttpExchangeHandler handler : handlers) {
            try {
                handler.close(); // ends the event streams
            } catch (RuntimeException e) {
                log.warn("Closing the dashboard's {} failed", handler.getContextPath(), e);
            }
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        server = null;
        log.info("JobRunr dashboard stopped");
    }
}
