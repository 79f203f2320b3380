package io.asynctournament.bot.discord.fake;

import java.util.Map;

/** A REST answer of the fake: status and JSON body (null for an empty body). */
record Reply(int status, Object body) {
    static Reply ok(Object body) {
        return new Reply(200, body);
    }

    static Reply created(Object body) {
        return new Reply(201, body);
    }

    static Reply noContent() {
        return new Reply(204, null);
    }

    /** A Discord error body: {@code {"message": ..., "code": ...}}. */
    static Reply error(int status, int code, String message) {
        return new Reply(status, Map.of("message", message, "code", code));
    }

    static Reply notFound() {
        return error(404, 0, "Unknown");
    }
}
