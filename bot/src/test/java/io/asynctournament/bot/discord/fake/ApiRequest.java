package io.asynctournament.bot.discord.fake;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One REST request the fake received, in arrival order.
 *
 * @param method  HTTP method
 * @param path    path below {@code /api/v10/}, without query, e.g. {@code channels/42/messages}
 * @param query   raw query string or "" (e.g. {@code with_response=true})
 * @param body    the JSON body; for a multipart request, its {@code payload_json} part
 * @param files   file names of a multipart request's file parts
 * @param status  the status the fake answered with
 * @param receivedAt when the request arrived
 * @param rateLimit  the rate-limit bucket the response reported in its X-RateLimit-* headers
 */
public record ApiRequest(String method, String path, String query, String body, List<String> files, int status,
        Instant receivedAt, RateLimitState rateLimit) {

    /** The body parsed as a JSON object (empty if the body is empty or not an object). */
    public Map<String, Object> json() {
        return Json.parseObject(body);
    }

    /** The body parsed as a JSON array (empty if the body is empty or not an array). */
    public List<Object> jsonArray() {
        return Json.parseArray(body);
    }

    public boolean matches(String httpMethod, String pathRegex) {
        return method.equalsIgnoreCase(httpMethod) && path.matches(pathRegex);
    }

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " -> " + status;
    }

    /** {@link #toString()} with the arrival time and the rate-limit bucket, as the fake's request log shows it. */
    public String logLine() {
        return receivedAt + " " + this + " [" + rateLimit + "]";
    }
}
