package io.asynctournament.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.jooq.JSONB;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON for the jsonb columns (audit details, notification payloads, task run counts), written with Jackson. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false);

    private Json() {
    }

    /** Serializes a map (values: strings, numbers, booleans, nulls, lists, maps) to jsonb. */
    public static JSONB jsonb(Map<String, ?> value) {
        try {
            return JSONB.valueOf(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not serializable as JSON: " + value, e);
        }
    }

    /** Reads a jsonb object into an ordered map; null or empty gives an empty map. */
    public static Map<String, Object> map(JSONB value) {
        if (value == null || value.data() == null || value.data().isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return MAPPER.readValue(value.data(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON object: " + value.data(), e);
        }
    }
    /** Serializes a map as compact JSON text (for printing audit details). */
    public static String text(Map<String, ?> value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not serializable as JSON: " + value, e);
        }
    }
}
