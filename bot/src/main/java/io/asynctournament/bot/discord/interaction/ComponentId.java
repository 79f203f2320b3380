package io.asynctournament.bot.discord.interaction;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The custom id of a button, select menu or modal, as a value: {@code feature:action[:arg...]}, e.g.
 * {@code race:ready:42}. It carries everything its handler needs (no state kept in memory), so a button works after
 * a restart and on any bot process. Encoded and parsed here only; the router finds the handler by {@link #key()}.
 *
 * <p>Rules: {@code feature} and {@code action} are lower-case words ({@code [a-z][a-z0-9-]*}); arguments are
 * {@code [A-Za-z0-9_.-]+}; the whole id is at most 100 characters (Discord's limit for a custom id).
 *
 * @param feature the feature that owns the component, e.g. {@code race}
 * @param action  what pressing it does, e.g. {@code ready}
 * @param args    the arguments, e.g. the race id
 */
public record ComponentId(String feature, String action, List<String> args) {
    /** Discord's limit on a component's or modal's custom id, in characters. */
    public static final int MAX_LENGTH = 100;
    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern ARG = Pattern.compile("[A-Za-z0-9_.-]+");

    /**
     * @throws IllegalArgumentException when a part breaks the rules above or the id is too long (a bug in the
     *                                  calling code, never a user's input)
     */
    public ComponentId {
        args = List.copyOf(args);
        if (!WORD.matcher(feature).matches() || !WORD.matcher(action).matches()
                || !args.stream().allMatch(a -> ARG.matcher(a).matches())) {
            throw new IllegalArgumentException("not a valid component id: " + feature + ":" + action + ":" + args);
        }
        if (encodeParts(feature, action, args).length() > MAX_LENGTH) {
            throw new IllegalArgumentException("component id longer than " + MAX_LENGTH + " characters");
        }
    }

    /** The id of a feature's action with these arguments (numbers are written in decimal). */
    public static ComponentId of(String feature, String action, Object... args) {
        return new ComponentId(feature, action, Arrays.stream(args).map(String::valueOf).toList());
    }

    /**
     * Reads a custom id.
     *
     * @return empty when it is not of this form (an id from another bot version, or tampered with)
     */
    public static Optional<ComponentId> parse(String customId) {
        if (customId == null || customId.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = customId.split(":", -1);
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ComponentId(parts[0], parts[1], List.of(parts).subList(2, parts.length)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The handler key: {@code feature:action}. */
    public String key() {
        return feature + ":" + action;
    }

    /** The custom id to put on the component. */
    public String encode() {
        return encodeParts(feature, action, args);
    }

    /** The number of arguments. */
    public int size() {
        return args.size();
    }

    /**
     * An argument as a positive whole number (an id).
     *
     * @return empty when there is no such argument or it is not a positive number
     */
    public Optional<Long> longArg(int index) {
        if (index >= args.size()) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(args.get(index));
            return value > 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return encode();
    }

    private static String encodeParts(String feature, String action, List<String> args) {
        StringBuilder id = new StringBuilder(feature).append(':').append(action);
        args.forEach(arg -> id.append(':').append(arg));
        return id.toString();
    }
}
