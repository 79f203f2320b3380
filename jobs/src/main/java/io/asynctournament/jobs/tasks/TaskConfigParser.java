package io.asynctournament.jobs.tasks;

import io.asynctournament.jobs.errors.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads {@code key=value} settings an admin typed for a task type into typed values: whole numbers for minutes and
 * hours, a list of ids for {@code tournament_ids} ({@code all} removes it). Unknown keys and wrong types are refused
 * with the key and what it accepts; ranges and cross-key rules are checked by the type's settings record afterwards.
 */
public final class TaskConfigParser {
    /** A value that removes the key (the task then uses its inherited or default value). */
    public static final Object UNSET = new Object() {
        @Override
        public String toString() {
            return "(unset)";
        }
    };

    /**
     * @param assignments {@code key=value} strings
     * @return key to typed value ({@link Integer}, {@code List<Long>}) or {@link #UNSET}, in the order given
     * @throws UserError naming the key and what it accepts
     */
    public Map<String, Object> parse(TaskType type, List<String> assignments) {
        if (assignments.isEmpty()) {
            throw UserError.badInput("no settings given; accepted for " + type.id() + ": " + accepted(type));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw UserError.badInput("'" + assignment + "' is not key=value; accepted for " + type.id()
                        + ": " + accepted(type));
            }
            String name = assignment.substring(0, eq).strip();
            String value = assignment.substring(eq + 1).strip();
            if (values.containsKey(name)) {
                throw UserError.badInput(name + " is given twice; give each key once");
            }
            values.put(name, parse(type, name, value));
        }
        return values;
    }

    /**
     * Parses one value.
     *
     * @throws UserError for an unknown key or a value of the wrong type
     */
    public Object parse(TaskType type, String name, String value) {
        ConfigKey key = find(type, name).orElseThrow(() -> UserError.badInput("unknown key '" + name
                + "' for " + type.id() + "; accepted: " + accepted(type)));
        if (key.ids()) {
            if (value.equalsIgnoreCase("all")) {
                return UNSET;
            }
            if (value.isEmpty()) {
                throw UserError.badInput(name + " is empty; accepted: " + key.accepted());
            }
            List<Long> ids = new ArrayList<>();
            for (String part : value.split(",")) {
                try {
                    long id = Long.parseLong(part.strip());
                    if (id <= 0) {
                        throw new NumberFormatException();
                    }
                    ids.add(id);
                } catch (NumberFormatException e) {
                    throw UserError.badInput(name + " must be " + key.accepted() + ", got '" + value + "'");
                }
            }
            return List.copyOf(new java.util.LinkedHashSet<>(ids));
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw UserError.badInput(name + " must be " + key.accepted() + ", got '" + value + "'");
        }
    }

    private static Optional<ConfigKey> find(TaskType type, String name) {
        return ConfigKey.of(type).stream().filter(k -> k.name().equals(name)).findFirst();
    }

    private static String accepted(TaskType type) {
        return ConfigKey.of(type).stream().map(k -> k.name() + " (" + k.accepted() + ")")
                .collect(Collectors.joining(", "));
    }
}
