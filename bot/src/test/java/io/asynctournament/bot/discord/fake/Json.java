package io.asynctournament.bot.discord.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jackson helpers for the fake: JSON text to and from plain maps and lists, and deep copies. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value, e);
        }
    }

    static Object parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }

    static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        return value instanceof Map<?, ?> ? asMap(value) : new LinkedHashMap<>();
    }

    static List<Object> parseArray(String text) {
        Object value = parse(text);
        return value instanceof List<?> ? asList(value) : new ArrayList<>();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object value) {
        return value instanceof List<?> ? (List<Object>) value : new ArrayList<>();
    }

    /** A deep, mutable copy of a JSON-like value (maps, lists, scalars). */
    static Object copy(Object value) {
        return value == null ? null : parse(write(value));
    }

    static Map<String, Object> copyMap(Map<String, Object> value) {
        return asMap(copy(value));
    }
}
