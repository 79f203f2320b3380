package io.asynctournament.bot.discord.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * One websocket connection from JDA: sends HELLO (unless the gateway holds new connections: then it neither sends
 * HELLO nor handles what JDA sends until released), acknowledges
 * heartbeats (op 1 → op 11) unless told to withhold them, and hands IDENTIFY, RESUME and member requests to the
 * {@link Gateway}. Keeps the frames it sent, for tests.
 */
final class GatewaySession extends WebSocketListener {
    private final Gateway gateway;
    private final List<Map<String, Object>> sent = new CopyOnWriteArrayList<>();
    private volatile WebSocket socket;
    private volatile boolean withholdAcks;
    private volatile boolean closedByFake;
    private boolean admitted; // guarded by held
    private final List<String> held = new ArrayList<>(); // frames received before HELLO was sent

    GatewaySession(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        this.socket = webSocket;
        if (gateway.admit(this)) {
            hello();
        }
    }

    /** Sends HELLO, then handles what JDA sent while the connection was held (JDA sends RESUME at once). */
    void hello() {
        synchronized (held) {
            admitted = true;
            send(Gateway.frame(10, null, null, Map.of(
                    "heartbeat_interval", gateway.heartbeatInterval(), "_trace", List.of("[\"fake-gateway\"]"))));
            held.forEach(this::handle);
            held.clear();
        }
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        synchronized (held) {
            if (!admitted) {
                held.add(text);
                return;
            }
        }
        handle(text);
    }

    private void handle(String text) {
        Map<String, Object> payload = Json.parseObject(text);
        gateway.onReceived(payload);
        int op = ((Number) payload.getOrDefault("op", -1)).intValue();
        Map<String, Object> data = Json.asMap(payload.get("d"));
        switch (op) {
            case 1 -> {
                if (!withholdAcks) {
                    send(Gateway.frame(11, null, null, null)); // heartbeat -> ACK
                }
            }
            case 2 -> gateway.identify(this, data);
            case 6 -> gateway.resume(this, data);
            case 8 -> gateway.requestMembers(this, data);
            default -> { } // presence updates, voice state updates: nothing to do
        }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        if (!closedByFake) {
            gateway.onClosedByClient(this, code);
        }
        gateway.onClosed(this);
        webSocket.close(code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        gateway.onClosed(this);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        gateway.onClosed(this);
    }

    /** From now on heartbeats on this connection go unanswered (Discord's side of a zombie connection). */
    void withholdAcks() {
        withholdAcks = true;
    }

    List<Map<String, Object>> sent() {
        return List.copyOf(sent);
    }

    void send(Map<String, Object> frame) {
        WebSocket ws = socket;
        if (ws != null) {
            sent.add(frame);
            ws.send(Json.write(frame));
        }
    }

    void close(int code, String reason) {
        closedByFake = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.close(code, reason);
        }
    }
}
