package io.syncstore.backend.mail;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.james.mailbox.store.mail.model.Property;
import org.apache.james.mailbox.store.mail.model.impl.Properties;

import com.fasterxml.jackson.core.type.TypeReference;

/** The MIME description of a message, stored as a JSON array of [namespace, local name, value] triples. */
final class MimeProperties {
    private static final TypeReference<List<List<String>>> TRIPLES = new TypeReference<>() {
    };

    private MimeProperties() {
    }

    static String write(Properties properties) {
        return JsonColumns.write(properties.toProperties().stream()
            .map(property -> List.of(property.getNamespace(), property.getLocalName(), property.getValue()))
            .collect(Collectors.toList()));
    }

    /** Parsed on first call; a damaged column fails then. */
    static Supplier<Properties> parsedWhenAsked(String json, Long textualLineCount) {
        return () -> {
            try {
                return read(json, textualLineCount);
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
    }

    static Properties read(String json, Long textualLineCount) throws SQLException {
        List<Property> properties = JsonColumns.read(json, TRIPLES, "mime_properties").stream()
            .map(triple -> new Property(triple.get(0), triple.get(1), triple.get(2)))
            .collect(Collectors.toList());
        return new Properties(properties, textualLineCount);
    }
}
