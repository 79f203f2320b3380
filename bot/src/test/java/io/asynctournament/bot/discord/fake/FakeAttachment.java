package io.asynctournament.bot.discord.fake;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file a user attached to a slash command's attachment option (type 11), made with
 * {@link FakeDiscord#attachment}: the interaction carries it in {@code resolved.attachments}, and the fake serves its
 * bytes at its {@code url} (Discord's CDN, here the fake's own {@code /attachments/...}, outside the API).
 *
 * @param id          its snowflake
 * @param filename    its file name
 * @param contentType its media type, e.g. {@code text/csv; charset=utf-8}
 * @param size        its size in bytes, as Discord announces it
 * @param url         where its bytes are served
 */
public record FakeAttachment(long id, String filename, String contentType, int size, String url) {

    /** The attachment object as Discord puts it in an interaction's {@code resolved.attachments}. */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(id));
        json.put("filename", filename);
        json.put("size", size);
        json.put("url", url);
        json.put("proxy_url", url);
        json.put("content_type", contentType);
        json.put("ephemeral", true);
        return json;
    }
}
