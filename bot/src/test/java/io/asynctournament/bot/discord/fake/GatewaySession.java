package io.asynctournament.bot.discord.fake;

import java.util.List;
import java.util.Map;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * One websocket connection from JDA: sends HELLO, answers heartbeats, and hands IDENTIFY, RESUME and member
 * requests to the {@link Gateway}.
 */
final class GatewaySession extends WebSocketListener {
    private final Gateway gateway;
    private volatile WebSocket socket;

    GatewaySession(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        this.socket = webSocket;
        send(Gateway.frame(10, null, null, Map.of(
                "heartbeat_interval", Gateway.HEARTBEAT_INTERVAL, "_trace", List.of("[\"fake-gateway\"]"))));
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        Map<String, Object> payload = Json.parseObject(text);
        gateway.onReceived(payload);
        int op = ((Number) payload.getOrDefault("op", -1)).intValue();
        Map<String, Object> data = Json.asMap(payload.get("d"));
        switch (op) {
            case 1 -> send(Gateway.frame(11, null, null, null)); // heartbeat -> ACK
            case 2 -> gateway.identify(this);
            case 6 -> gateway.resume(this, data);
            case 8 -> gateway.requestMembers(this, data);
            default -> { } // presence updates, voice state updates: nothing to do
        }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
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

    void send(Map<String, Object> frame) {
        WebSocket ws = socket;
        if (ws != null) {
            ws.send(Json.write(frame));
        }
    }

    void close(int code, String reason) {
        WebSocket ws = socket;
        if (ws != null) {
            ws.close(code, reason);
        }
    }
}
