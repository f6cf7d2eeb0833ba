package io.syncstore.backend.mail;

import java.sql.SQLException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Text columns holding JSON: user flags and MIME properties. */
final class JsonColumns {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonColumns() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode " + value, e);
        }
    }

    static <T> T read(String json, TypeReference<T> type, String column) throws SQLException {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SQLException("Unreadable " + column + " value: " + json, e);
        }
    }
}
