package io.asynctournament.bot.discord.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The gateway side of the fake: Discord's sessions, one per shard (a JDA instance, or one shard of a bot), each
 * with its session id, sequence numbers and the dispatches sent in it, across websocket connections. Events go to
 * the shard that owns their guild ({@code (guild_id >> 22) % shard_count}, as Discord routes them; events without
 * a guild go to shard 0). A dispatch made while a resumable session has no connection is kept and replayed, with
 * its sequence number, when the session RESUMEs, as Discord does.
 */
final class Gateway {
    static final int DEFAULT_HEARTBEAT_INTERVAL = 41250;
    private static final int LOG_LIMIT = 1000;

    private final String gatewayUrl;
    private final Map<String, Object> selfUser;
    private final long applicationId;
    private final Supplier<List<FakeGuild>> guilds;
    private final Supplier<Boolean> tokenRejected;
    private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    private final List<GatewaySession> connections = new CopyOnWriteArrayList<>();
    private final List<Integer> closeCodes = new CopyOnWriteArrayList<>();

    private final Map<Integer, Shard> shards = new HashMap<>();
    private int shardCount = 1;
    private int identifies;
    private int resumes;
    private volatile int heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private boolean held; // new connections wait for their HELLO until released
    private final List<GatewaySession> parked = new ArrayList<>();

    /** One shard's session: what Discord keeps across connections so that a RESUME can replay what was missed. */
    private static final class Shard {
        final int id;
        String sessionId; // null: no resumable session (never identified, or invalidated)
        int sequence;
        GatewaySession live; // the connection READY or RESUMED was sent on, while open
        CompletableFuture<GatewaySession> ready = new CompletableFuture<>();
        final List<Map<String, Object>> log = new ArrayList<>(); // the session's dispatches, in sequence order

        Shard(int id) {
            this.id = id;
        }
    }

    Gateway(String gatewayUrl, Map<String, Object> selfUser, long applicationId, Supplier<List<FakeGuild>> guilds,
            Supplier<Boolean> tokenRejected) {
        this.gatewayUrl = gatewayUrl;
        this.selfUser = selfUser;
        this.applicationId = applicationId;
        this.guilds = guilds;
        this.tokenRejected = tokenRejected;
    }

    GatewaySession newSession() {
        GatewaySession session = new GatewaySession(this);
        connections.add(session);
        return session;
    }

    /**
     * Sends a dispatch (op 0) with its session's next sequence number to the shard of {@code data.guild_id}. With
     * a resumable session whose connection is down it is kept for the RESUME; with no session yet it waits up to
     * {@code timeout} for one.
     */
    void dispatch(String type, Map<String, Object> data, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            CompletableFuture<GatewaySession> future;
            synchronized (this) {
                Shard shard = shard(shardOf(data));
                if (shard.sessionId != null) {
                    send(shard, type, data);
                    return;
                }
                future = shard.ready;
            }
            await(future, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), timeout);
        }
    }

    /** Whether every shard that identified has a live connection (READY or RESUMED sent on an open one). */
    synchronized boolean isLive() {
        return !shards.isEmpty() && shards.values().stream().allMatch(s -> s.live != null);
    }

    /** Closes every live connection with a resumable close code; JDA reconnects and resumes. */
    void drop(int code, String reason) {
        List<GatewaySession> open = new ArrayList<>();
        synchronized (this) {
            for (Shard shard : shards.values()) {
                if (shard.live != null) {
                    open.add(shard.live);
                    markGone(shard);
                }
            }
        }
        open.forEach(session -> session.close(code, reason));
    }

    /** Forgets every session: the next RESUME gets INVALID_SESSION (not resumable) and JDA identifies again. */
    synchronized void invalidateSessions() {
        for (Shard shard : shards.values()) {
            shard.sessionId = null;
            shard.log.clear();
        }
    }

    /** While held, a new connection gets no HELLO (JDA waits): the session stays down. */
    void hold(boolean hold) {
        List<GatewaySession> release = new ArrayList<>();
        synchronized (this) {
            held = hold;
            if (!hold) {
                release.addAll(parked);
                parked.clear();
            }
        }
        release.forEach(GatewaySession::hello);
    }

    void heartbeatInterval(Duration interval) {
        heartbeatInterval = Math.toIntExact(interval.toMillis());
    }

    int heartbeatInterval() {
        return heartbeatInterval;
    }

    /** The live connections stop acknowledging heartbeats (a zombie connection); new connections acknowledge. */
    synchronized void withholdAcks() {
        shards.values().stream().filter(s -> s.live != null).forEach(s -> s.live.withholdAcks());
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

    /** The frames sent on each websocket connection, oldest connection first. */
    List<List<Map<String, Object>>> sentPerConnection() {
        return connections.stream().map(GatewaySession::sent).toList();
    }

    /** Close codes of the connections JDA closed, in order (JDA closes a zombie connection with 4900). */
    List<Integer> closeCodes() {
        return List.copyOf(closeCodes);
    }

    void closeAll() {
        hold(false);
        drop(1001, "fake discord closing");
    }

    // --- called by GatewaySession ---

    /** Whether a new connection may get its HELLO now; if not it is parked until {@link #hold}(false). */
    synchronized boolean admit(GatewaySession session) {
        if (held) {
            parked.add(session);
            return false;
        }
        return true;
    }

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

    synchronized void identify(GatewaySession session, Map<String, Object> data) {
        if (tokenRejected.get()) {
            session.close(4004, "Authentication failed.");
            return;
        }
        List<Object> shardInfo = Json.asList(data.get("shard"));
        int shardId = shardInfo.size() == 2 ? ((Number) shardInfo.get(0)).intValue() : 0;
        int count = shardInfo.size() == 2 ? ((Number) shardInfo.get(1)).intValue() : 1;
        if (count < 1 || shardId < 0 || shardId >= count) {
            session.close(4010, "Invalid shard.");
            return;
        }
        shardCount = count;
        identifies++;
        Shard shard = shard(shardId);
        shard.sessionId = UUID.randomUUID().toString().replace("-", "");
        shard.sequence = 0;
        shard.log.clear();
        List<FakeGuild> own = guilds.get().stream().filter(g -> shardOf(g.id()) == shardId).toList();
        Map<String, Object> readyData = new LinkedHashMap<>();
        readyData.put("v", 10);
        readyData.put("user", Json.copy(selfUser));
        List<Map<String, Object>> unavailable = new ArrayList<>();
        for (FakeGuild guild : own) {
            unavailable.add(Map.of("id", Long.toUnsignedString(guild.id()), "unavailable", true));
        }
        readyData.put("guilds", unavailable);
        readyData.put("private_channels", List.of());
        readyData.put("relationships", List.of());
        readyData.put("presences", List.of());
        readyData.put("session_id", shard.sessionId);
        readyData.put("session_type", "normal");
        readyData.put("resume_gateway_url", gatewayUrl);
        readyData.put("shard", List.of(shardId, count));
        readyData.put("application", Map.of("id", Long.toUnsignedString(applicationId), "flags", 0));
        readyData.put("_trace", List.of("[\"fake-discord\"]"));
        shard.live = session; // READY and GUILD_CREATE go on this connection
        send(shard, "READY", readyData);
        for (FakeGuild guild : own) {
            send(shard, "GUILD_CREATE", Payloads.guildCreate(guild));
        }
        markLive(shard, session);
    }

    /** RESUME: replays the session's dispatches after the client's {@code seq}, in order, then RESUMED. */
    synchronized void resume(GatewaySession session, Map<String, Object> data) {
        Shard shard = shards.values().stream()
                .filter(s -> s.sessionId != null && s.sessionId.equals(data.get("session_id")))
                .findFirst().orElse(null);
        if (shard == null) {
            session.send(frame(9, null, null, false)); // invalid session, not resumable: JDA re-identifies
            return;
        }
        resumes++;
        int seen = data.get("seq") instanceof Number n ? n.intValue() : 0;
        if (shard.live != null && shard.live != session) {
            GatewaySession old = shard.live;
            markGone(shard);
            old.close(4000, "Resumed elsewhere");
        }
        for (Map<String, Object> frame : shard.log) {
            if (((Number) frame.get("s")).intValue() > seen) {
                session.send(frame);
            }
        }
        session.send(frame(0, "RESUMED", ++shard.sequence, Map.of("_trace", List.of("[\"fake-discord\"]"))));
        markLive(shard, session);
    }

    synchronized void requestMembers(GatewaySession session, Map<String, Object> data) {
        long guildId = Long.parseUnsignedLong(String.valueOf(data.get("guild_id")));
        Shard shard = shardOfSession(session);
        for (FakeGuild guild : guilds.get()) {
            if (guild.id() == guildId && shard != null) {
                Map<String, Object> chunk = new LinkedHashMap<>();
                chunk.put("guild_id", Long.toUnsignedString(guildId));
                chunk.put("members", guild.members().stream().map(Payloads::member).toList());
                chunk.put("chunk_index", 0);
                chunk.put("chunk_count", 1);
                if (data.get("nonce") != null) {
                    chunk.put("nonce", data.get("nonce"));
                }
                send(shard, "GUILD_MEMBERS_CHUNK", chunk);
            }
        }
    }

    synchronized void onClosed(GatewaySession session) {
        for (Shard shard : shards.values()) {
            if (shard.live == session) {
                markGone(shard);
            }
        }
    }

    /**
     * The bot closed a connection. As on Discord, closing with 1000 or 1001 ends the session (JDA does so when it
     * shuts down), so nothing is kept for a RESUME; other codes (JDA's 4900 reconnect) leave it resumable.
     */
    synchronized void onClosedByClient(GatewaySession session, int code) {
        closeCodes.add(code);
        if (code == 1000 || code == 1001) {
            for (Shard shard : shards.values()) {
                if (shard.live == session) {
                    shard.sessionId = null;
                    shard.log.clear();
                }
            }
        }
    }

    // --- internals (hold the lock) ---

    private void send(Shard shard, String type, Map<String, Object> data) {
        Map<String, Object> frame = frame(0, type, ++shard.sequence, data);
        shard.log.add(frame);
        if (shard.log.size() > LOG_LIMIT) {
            shard.log.remove(0);
        }
        if (shard.live != null) {
            shard.live.send(frame);
        }
    }

    private Shard shard(int id) {
        return shards.computeIfAbsent(id, Shard::new);
    }

    private Shard shardOfSession(GatewaySession session) {
        return shards.values().stream().filter(s -> s.live == session).findFirst().orElse(null);
    }

    private int shardOf(Map<String, Object> data) {
        Object guildId = data.get("guild_id");
        return guildId == null ? 0 : shardOf(Long.parseUnsignedLong(String.valueOf(guildId)));
    }

    /** Discord's sharding formula. */
    private int shardOf(long guildId) {
        return (int) Long.remainderUnsigned(guildId >>> 22, shardCount);
    }

    private void markLive(Shard shard, GatewaySession session) {
        shard.live = session;
        shard.ready.complete(session);
    }

    private void markGone(Shard shard) {
        shard.live = null;
        if (shard.ready.isDone()) {
            shard.ready = new CompletableFuture<>();
        }
    }

    private static void await(CompletableFuture<GatewaySession> future, Duration wait, Duration timeout) {
        try {
            future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a gateway session", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no live gateway session within " + timeout + " (is JDA connected?)", e);
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
