package io.asynctournament.jobs.tournaments;

import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.validation.HttpUrls;
import io.asynctournament.jobs.validation.Names;

import java.util.Optional;

/**
 * One permalink to add: its pool's name, its url and notes, checked (README "Admin guide": a pool name follows the
 * name rule; the url is http(s), at most 500 characters; notes at most 1,000 characters on one line or more).
 *
 * @param pool  the pool's name
 * @param url   the permalink
 * @param notes the notes, or null
 */
public record PermalinkLine(String pool, String url, String notes) {

    /**
     * Checks the values of one permalink.
     *
     * @param line its line in a file (1 is the header), or 0 for a command's options
     * @throws UserError (bad input) saying which value is wrong, on which line, and what is accepted
     */
    public static PermalinkLine check(String pool, String url, String notes, long line) {
        String where = line > 0 ? "line " + line + ": " : "";
        Optional<String> poolProblem = Names.problem("the pool name", pool);
        if (poolProblem.isPresent()) {
            throw UserError.badInput(where + poolProblem.get());
        }
        String link = url == null ? "" : url.strip();
        if (link.isEmpty() || link.length() > TournamentService.MAX_URL || !HttpUrls.isHttp(link)
                || Names.controlCharacter("the url", link).isPresent()) {
            throw UserError.badInput(where + "the url must be an http(s) URL of at most " + TournamentService.MAX_URL
                    + " characters, got '" + (link.length() > 60 ? link.substring(0, 60) + "…" : link) + "'");
        }
        String text = notes == null || notes.isBlank() ? null : notes.strip();
        if (text != null && text.length() > TournamentService.MAX_NOTES) {
            throw UserError.badInput(where + "the notes have " + text.length() + " characters; at most "
                    + TournamentService.MAX_NOTES + " are accepted");
        }
        return new PermalinkLine(pool.strip(), link, text);
    }
}
