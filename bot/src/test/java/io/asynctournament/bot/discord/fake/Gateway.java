package io.asynctournament.bot.discord.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The gateway side of the fake: Discord's session state (session id, sequence numbers) across websocket
 * connections, the connection currently live, and dispatching events to it in sequence order.
 */
final class Gateway {
    static final int HEARTBEAT_INTERVAL = 41250;

    private final String gatewayUrl;
    private final Map<String, Object> selfUser;
    private final long applicationId;
    private final Supplier<List<FakeGuild>> guilds;
    private final Supplier<Boolean> tokenRejected;
    private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    private final AtomicBoolean invalidateNextResume = new AtomicBoolean();

    private String sessionId;
    private int sequence;
    private GatewaySession live; // set once READY or RESUMED was sent on it
    private CompletableFuture<GatewaySession> ready = new CompletableFuture<>();
    private int identifies;
    private int resumes;

    Gateway(String gatewayUrl, Map<String, Object> selfUser, long applicationId, Supplier<List<FakeGuild>> guilds,
            Supplier<Boolean> tokenRejected) {
        this.gatewayUrl = gatewayUrl;
        this.selfUser = selfUser;
        this.applicationId = applicationId;
        this.guilds = guilds;
        this.tokenRejected = tokenRejected;
    }

    GatewaySession newSession() {
        return new GatewaySession(this);
    }

    /** Sends a dispatch (op 0) with the next sequence number on the live session; waits for one if needed. */
    void dispatch(String type, Map<String, Object> data, Duration timeout) {
        GatewaySession session = awaitLive(timeout);
        synchronized (this) {
            session.send(frame(0, type, ++sequence, data));
        }
    }

    GatewaySession awaitLive(Duration timeout) {
        CompletableFuture<GatewaySession> future;
        synchronized (this) {
            future = ready;
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a gateway session", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no live gateway session within " + timeout + " (is JDA connected?)", e);
        }
    }

    synchronized boolean isLive() {
        return live != null;
    }

    /** Closes the live connection with a resumable close code; JDA reconnects and resumes. */
    void drop(int code, String reason) {
        GatewaySession session;
        synchronized (this) {
            session = live;
            markGone(session);
        }
        if (session != null) {
            session.close(code, reason);
        }
    }

    void invalidateNextResume() {
        invalidateNextResume.set(true);
    }

    synchronized int identifies() {
        return identifies;
    }

    synchronized int resumes() {
        return resumes;
    }

    List<Map<String, Object>> received() {
        return List.copyOf(received);
    }

    void closeAll() {
        drop(1001, "fake discord closing");
    }

    // --- called by GatewaySession ---

    void onReceived(Map<String, Object> payload) {
        Map<String, Object> copy = new LinkedHashMap<>(payload);
        Map<String, Object> d = Json.asMap(copy.get("d"));
        if (d.containsKey("token")) {
            d = new LinkedHashMap<>(d);
            d.put("token", "<redacted>");
            copy.put("d", d);
        }
        received.add(copy);
    }

    synchronized void identify(GatewaySession session) {
        if (tokenRejected.get()) {
            session.close(4004, "Authentication failed.");
            return;
        }
        identifies++;
        sessionId = UUID.randomUUID().toString().replace("-", "");
        sequence = 0;
        Map<String, Object> readyData = new LinkedHashMap<>();
        readyData.put("v", 10);
        readyData.put("user", Json.copy(selfUser));
        List<Map<String, Object>> unavailable = new ArrayList<>();
        for (FakeGuild guild : guilds.get()) {
            unavailable.add(Map.of("id", Long.toUnsignedString(guild.id()), "unavailable", true));
        }
        readyData.put("guilds", unavailable);
        readyData.put("private_channels", List.of());
        readyData.put("relationships", List.of());
        readyData.put("presences", List.of());
        readyData.put("session_id", sessionId);
        readyData.put("session_type", "normal");
        readyData.put("resume_gateway_url", gatewayUrl);
        readyData.put("application", Map.of("id", Long.toUnsignedString(applicationId), "flags", 0));
        readyData.put("_trace", List.of("[\"fake-discord\"]"));
        session.send(frame(0, "READY", ++sequence, readyData));
        for (FakeGuild guild : guilds.get()) {
            session.send(frame(0, "GUILD_CREATE", ++sequence, Payloads.guildCreate(guild)));
        }
        markLive(session);
    }

    synchronized void resume(GatewaySession session, Map<String, Object> data) {
        boolean known = sessionId != null && sessionId.equals(data.get("session_id"));
        if (!known || invalidateNextResume.getAndSet(false)) {
            session.send(frame(9, null, null, false)); // invalid session, not resumable: JDA re-identifies
            return;
        }
        resumes++;
        // nothing was missed: replay nothing, just confirm
        session.send(frame(0, "RESUMED", ++sequence, Map.of("_trace", List.of("[\"fake-discord\"]"))));
        markLive(session);
    }

    synchronized void requestMembers(GatewaySession session, Map<String, Object> data) {
        long guildId = Long.parseUnsignedLong(String.valueOf(data.get("guild_id")));
        for (FakeGuild guild : guilds.get()) {
            if (guild.id() == guildId) {
                Map<String, Object> chunk = new LinkedHashMap<>();
                chunk.put("guild_id", Long.toUnsignedString(guildId));
                chunk.put("members", guild.members().stream().map(Payloads::member).toList());
                chunk.put("chunk_index", 0);
                chunk.put("chunk_count", 1);
                if (data.get("nonce") != null) {
                    chunk.put("nonce", data.get("nonce"));
                }
                session.send(frame(0, "GUILD_MEMBERS_CHUNK", ++sequence, chunk));
            }
        }
    }

    synchronized void onClosed(GatewaySession session) {
        markGone(session);
    }

    private void markLive(GatewaySession session) {
        live = session;
        ready.complete(session);
    }

    private void markGone(GatewaySession session) {
        if (session != null && live == session) {
            live = null;
            ready = new CompletableFuture<>();
        }
    }

    static Map<String, Object> frame(int op, String type, Integer seq, Object data) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("op", op);
        frame.put("d", data);
        frame.put("s", seq);
        frame.put("t", type);
        return frame;
    }
}
