package io.asynctournament.bot.discord.fake;

import java.nio.charset.StandardCharsets;

/**
 * A file the bot uploaded with a request (a multipart part other than {@code payload_json}), as Discord received it.
 *
 * @param method   HTTP method of the request
 * @param path     the request's path below {@code /api/v10/}, without query
 * @param filename the part's file name
 * @param content  the file's bytes
 */
public record UploadedFile(String method, String path, String filename, byte[] content) {
    /** The content as UTF-8 text. */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
