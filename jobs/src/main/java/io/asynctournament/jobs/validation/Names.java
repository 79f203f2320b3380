package io.asynctournament.jobs.validation;

import io.asynctournament.jobs.errors.UserError;
import java.util.Optional;

/**
 * The one rule for names people give: tournaments, pools, racers (runners) and guilds, from a results file, the CLI
 * or a Discord command. A name is trimmed of surrounding spaces, is not blank, is at most {@value #MAX_LENGTH}
 * characters (Unicode code points), and holds no control character: none of U+0000–U+001F and U+007F–U+009F
 * (newline, tab, ESC, NUL…), no line or paragraph separator (U+2028, U+2029), no lone surrogate, and none of the
 * bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) that reorder what follows
 * them. Such characters break one-line output (the leaderboard table, log lines, Discord embeds) or disguise a
 * name. README: "Importing results" lists these limits.
 */
public final class Names {
    /** The most characters (code points) a name may have, after trimming. */
    public static final int MAX_LENGTH = 100;

    private static final String ACCEPTED = "1 to " + MAX_LENGTH + " characters without control characters "
            + "(newline, tab, ESC, NUL…)";

    private Names() {
    }

    /**
     * Checks a name given on the command line or in a Discord command.
     *
     * @param field what the name is, as the message should say it, e.g. {@code "tournament name"} or
     *              {@code "--tournament"}
     * @return the name without surrounding spaces
     * @throws UserError (bad input) naming the field and the limit, when the name breaks the rule
     */
    public static String require(String field, String value) {
        Optional<String> problem = problem(field, value);
        if (problem.isPresent()) {
            throw UserError.badInput(problem.get());
        }
        return value.strip();
    }

    /**
     * Checks a name read from line {@code line} of a file.
     *
     * @return the name without surrounding spaces
     * @throws UserError (bad input) naming the line, the field and the limit, when the name breaks the rule
     */
    public static String require(String field, String value, long line) {
        Optional<String> problem = problem(field, value);
        if (problem.isPresent()) {
            throw UserError.badInput("line " + line + ": " + problem.get());
        }
        return value.strip();
    }

    /**
     * Why the value is not a valid name, as a sentence naming the field and what is accepted; empty when it is
     * valid. For callers that collect every problem (a file's bad lines) rather than stop at the first.
     */
    public static Optional<String> problem(String field, String value) {
        if (value == null || value.isBlank()) {
            Optional<String> control = value == null ? Optional.empty() : controlCharacter(field, value);
            return control.isPresent() ? control : Optional.of(field + " is empty; accepted: " + ACCEPTED);
        }
        Optional<String> control = controlCharacter(field, value);
        if (control.isPresent()) {
            return control;
        }
        String stripped = value.strip();
        int length = stripped.codePointCount(0, stripped.length());
        if (length > MAX_LENGTH) {
            return Optional.of(field + " has " + length + " characters, more than the limit of " + MAX_LENGTH
                    + " ('" + printable(stripped, 40) + "'); accepted: " + ACCEPTED);
        }
        return Optional.empty();
    }

    /**
     * Where the value holds a character this rule refuses: "FIELD contains U+000A LINE FEED (LF) at character 6…";
     * empty when none. Applies to any text field that must stay on one line (a permalink too).
     */
    public static Optional<String> controlCharacter(String field, String value) {
        int position = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            position++;
            if (isRefused(cp)) {
                return Optional.of(field + " contains " + describe(cp) + " at character " + position + " ('"
                        + printable(value, 40) + "'); control characters are not accepted");
            }
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }

    /**
     * Where a free text of several lines (a reason, reviewer's notes) holds a control character other than a line
     * break or a tab (a NUL, which PostgreSQL cannot store, an ESC...): "FIELD contains U+0000 NULL at character 5…";
     * empty when none.
     */
    public static Optional<String> controlCharacterInText(String field, String value) {
        int position = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            position++;
            if (cp != '\n' && cp != '\r' && cp != '\t' && Character.getType(cp) == Character.CONTROL
                    || Character.getType(cp) == Character.SURROGATE) {
                return Optional.of(field + " contains " + describe(cp) + " at character " + position + " ('"
                        + printable(value, 40) + "'); control characters other than line breaks and tabs are not "
                        + "accepted");
            }
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }

    /** True for the characters a name may not hold (see the class description). */
    public static boolean isRefused(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE
                || (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    /**
     * The value for display on one line: every refused character escaped ({@code \n}, {@code \t}, {@code \r},
     * else {@code \}{@code uXXXX}), and cut to at most {@code maxLength} characters with "…" when longer. For names
     * stored before this rule and for echoing bad input in messages.
     */
    public static String printable(String value, int maxLength) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            String shown = switch (cp) {
                case '\n' -> "\\n";
                case '\t' -> "\\t";
                case '\r' -> "\\r";
                default -> isRefused(cp) ? String.format("\\u%04X", cp) : null;
            };
            if (count >= maxLength) {
                out.append('…');
                break;
            }
            if (shown == null) {
                out.appendCodePoint(cp);
            } else {
                out.append(shown);
            }
            count++;
        }
        return out.toString();
    }

    private static String describe(int cp) {
        String name = Character.getName(cp);
        return String.format("U+%04X", cp) + (name == null ? "" : " " + name);
    }
}
