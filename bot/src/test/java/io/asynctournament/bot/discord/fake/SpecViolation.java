package io.asynctournament.bot.discord.fake;

import java.time.Instant;
import java.util.List;

/**
 * A request to the fake Discord, or a response of the fake, that breaks Discord's OpenAPI spec
 * ({@link DiscordSpec}). Recorded by the fake and failed in the test that caused it (see {@link FakeDiscord#close}
 * and {@link SpecViolationsExtension}).
 *
 * @param side   {@code request} (what the bot sent) or {@code response} (what the fake answered)
 * @param method the HTTP method
 * @param path   the path below {@code /api/v10/}, with its query
 * @param route  the operation of the spec it was checked against ({@code POST /channels/{channel_id}/messages
 *               (create_message)}), or "no route" where the path or method is not in the spec
 * @param errors what is wrong, each naming where, as the schema validator reports it
 * @param at     when the request arrived
 */
public record SpecViolation(String side, String method, String path, String route, List<String> errors, Instant at) {
    @Override
    public String toString() {
        return side + " " + method + " " + path + " [" + route + "]: " + String.join("; ", errors);
    }
}
