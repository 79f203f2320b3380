package io.asynctournament.jobs.tasks;

import io.asynctournament.jobs.errors.UserError;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Typed reads of task settings, with errors that name the key and what is accepted. */
final class ConfigValues {
    private ConfigValues() {
    }

    /** A whole number within [min, max]. */
    static int intIn(Map<String, Object> config, String key, int min, int max) {
        Object value = config.get(key);
        if (value == null) {
            throw UserError.badInput(key + " is missing; accepted: a whole number from " + min + " to " + max);
        }
        long number;
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            number = ((Number) value).longValue();
        } else {
            throw UserError.badInput(key + " must be a whole number from " + min + " to " + max
                    + ", got " + value);
        }
        if (number < min || number > max) {
            throw UserError.badInput(key + " must be from " + min + " to " + max + ", got " + number);
        }
        return (int) number;
    }

    /** An optional set of positive ids (a collection of whole numbers); absent gives an empty set. */
    static Set<Long> ids(Map<String, Object> config, String key) {
        Object value = config.get(key);
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof Iterable<?> items)) {
            throw UserError.badInput(key + " must be a list of tournament ids, got " + value);
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (Object item : items) {
            if (!(item instanceof Integer || item instanceof Long) || ((Number) item).longValue() <= 0) {
                throw UserError.badInput(key + " must list positive tournament ids, got " + item);
            }
            ids.add(((Number) item).longValue());
        }
        return ids;
    }
}
