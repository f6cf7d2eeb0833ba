package io.syncstore.config;

import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Function;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.util.DurationParser;

/** Typed access to a commons-configuration file whose errors name the file and the key. */
public final class ConfigurationReader {
    private final String fileName;
    private final HierarchicalConfiguration<ImmutableNode> configuration;

    public ConfigurationReader(String fileName, HierarchicalConfiguration<ImmutableNode> configuration) {
        this.fileName = fileName;
        this.configuration = configuration;
    }

    /** A misspelt or misplaced key would otherwise be ignored in silence, leaving its default in force. */
    public void rejectUnknownKeys(Collection<String> knownKeys) {
        for (Iterator<String> keys = configuration.getKeys(); keys.hasNext(); ) {
            String key = keys.next();
            if (!knownKeys.contains(key)) {
                throw new ConfigurationError(fileName, key, "unknown key (known keys: " + String.join(", ", knownKeys) + ")");
            }
        }
    }

    public Optional<String> optionalString(String key) {
        return Optional.ofNullable(configuration.getString(key, null))
            .map(String::trim)
            .filter(value -> !value.isEmpty());
    }

    public String requiredString(String key) {
        return optionalString(key)
            .orElseThrow(() -> new ConfigurationError(fileName, key, "is missing"));
    }

    public int optionalInt(String key, int defaultValue, int minimum) {
        return optionalString(key)
            .map(value -> parseInt(key, value, minimum))
            .orElse(defaultValue);
    }

    public Duration optionalDuration(String key, Duration defaultValue) {
        return optionalString(key)
            .map(value -> {
                try {
                    return DurationParser.parse(value);
                } catch (RuntimeException e) {
                    throw new ConfigurationError(fileName, key, "'" + value + "' is not a duration (e.g. 5s, 200ms)", e);
                }
            })
            .orElse(defaultValue);
    }

    public <T extends Enum<T>> T optionalEnum(String key, Function<String, Optional<T>> parser, T defaultValue) {
        return optionalString(key)
            .map(value -> parser.apply(value)
                .orElseThrow(() -> new ConfigurationError(fileName, key, "'" + value + "' is not one of "
                    + java.util.Arrays.toString(defaultValue.getDeclaringClass().getEnumConstants()))))
            .orElse(defaultValue);
    }

    private int parseInt(String key, String value, int minimum) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < minimum) {
                throw new ConfigurationError(fileName, key, "'" + value + "' must be at least " + minimum);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigurationError(fileName, key, "'" + value + "' is not a whole number", e);
        }
    }
}
