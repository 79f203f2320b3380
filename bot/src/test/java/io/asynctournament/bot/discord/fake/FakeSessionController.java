package io.asynctournament.bot.discord.fake;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.requests.RestRateLimiter;
import net.dv8tion.jda.api.utils.SessionController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session controller pointing JDA at the fake gateway. Unlike JDA's ConcurrentSessionController it does not wait
 * 5 s between IDENTIFYs (the fake has no identify rate limit), so re-identifying after an invalidated session
 * only costs JDA's own 2 s reconnect back-off.
 */
final class FakeSessionController implements SessionController {
    private static final Logger LOG = LoggerFactory.getLogger(FakeSessionController.class);

    private final String gatewayUrl;
    private final RestRateLimiter.GlobalRateLimit globalRateLimit = RestRateLimiter.GlobalRateLimit.create();
    private final Set<SessionConnectNode> queued = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor worker = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "FakeSessionController-Worker");
        thread.setDaemon(true);
        return thread;
    });

    FakeSessionController(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
        worker.setKeepAliveTime(1, TimeUnit.SECONDS);
        worker.allowCoreThreadTimeOut(true);
    }

    @Override
    public void appendSession(SessionConnectNode node) {
        queued.add(node);
        worker.execute(() -> run(node));
    }

    @Override
    public void removeSession(SessionConnectNode node) {
        queued.remove(node);
    }

    @Override
    public RestRateLimiter.GlobalRateLimit getRateLimitHandle() {
        return globalRateLimit;
    }

    @Override
    public String getGateway() {
        return gatewayUrl;
    }

    @Override
    public ShardedGateway getShardedGateway(JDA api) {
        return new ShardedGateway(gatewayUrl, 1, 1);
    }

    private void run(SessionConnectNode node) {
        if (!queued.remove(node)) {
            return; // removed meanwhile (e.g. JDA shut down)
        }
        try {
            node.run(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Connecting to the fake gateway failed, retrying in 1 s: {}", e.toString());
            queued.add(node);
            worker.schedule(() -> run(node), 1, TimeUnit.SECONDS);
        }
    }
}
