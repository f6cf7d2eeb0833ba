package io.syncstore.server.imap;

import java.util.Optional;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.imapserver.netty.IMAPServer;
import org.apache.james.util.Size;

import io.syncstore.config.ConfigurationError;

/**
 * What one IMAP command may hold, read from an {@code <imapserver>} with James's keys and defaults:
 * {@code maxLineLength} (octets of one line), {@code literalSizeLimit} (octets of one literal, 0 for no limit) and
 * {@code inMemorySizeLimit} (a command with a larger literal is written to a temporary file as it arrives); and
 * SyncStore's {@code literalMinus} (true: non-synchronizing literals of at most 4096 octets, LITERAL- of RFC 7888,
 * instead of any size, LITERAL+), {@code maxNestingDepth} (parenthesised lists inside one another in one command,
 * 100) and {@code commandsPerSecond} (commands one connection may send in a second, beyond a burst of as many; 0,
 * the default, for no limit). A value that is not valid stops the start-up with one line naming the file and key.
 */
final class Limits {
    static final int DEFAULT_MAX_NESTING_DEPTH = 100;
    private static final String FILE = "imapserver.xml";

    private final int maxLineLength;
    private final int literalSizeLimit;
    private final int inMemorySizeLimit;
    private final boolean literalMinus;
    private final int maxNestingDepth;
    private final int commandsPerSecond;

    private Limits(int maxLineLength, int literalSizeLimit, int inMemorySizeLimit, boolean literalMinus,
                   int maxNestingDepth, int commandsPerSecond) {
        this.maxLineLength = maxLineLength;
        this.literalSizeLimit = literalSizeLimit;
        this.inMemorySizeLimit = inMemorySizeLimit;
        this.literalMinus = literalMinus;
        this.maxNestingDepth = maxNestingDepth;
        this.commandsPerSecond = commandsPerSecond;
    }

    static Limits defaults() {
        return new Limits(IMAPServer.DEFAULT_MAX_LINE_LENGTH, IMAPServer.DEFAULT_LITERAL_SIZE_LIMIT,
            Math.toIntExact(IMAPServer.DEFAULT_IN_MEMORY_SIZE_LIMIT.asBytes()), false, DEFAULT_MAX_NESTING_DEPTH, 0);
    }

    static Limits of(HierarchicalConfiguration<ImmutableNode> configuration) {
        Limits defaults = defaults();
        return new Limits(
            wholeNumber(configuration, "maxLineLength", defaults.maxLineLength, 1),
            size(configuration, "literalSizeLimit", defaults.literalSizeLimit),
            size(configuration, "inMemorySizeLimit", defaults.inMemorySizeLimit),
            bool(configuration, "literalMinus", defaults.literalMinus),
            wholeNumber(configuration, "maxNestingDepth", defaults.maxNestingDepth, 1),
            wholeNumber(configuration, "commandsPerSecond", defaults.commandsPerSecond, 0));
    }

    private static int wholeNumber(HierarchicalConfiguration<ImmutableNode> configuration, String key, int defaultValue,
                                   int least) {
        Optional<String> value = value(configuration, key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.get());
            if (number >= least) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, as a value out of range is
        }
        throw invalid(key, value.get(), "a whole number of at least " + least);
    }

    private static int size(HierarchicalConfiguration<ImmutableNode> configuration, String key, int defaultValue) {
        Optional<String> value = value(configuration, key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Math.toIntExact(Size.parse(value.get()).asBytes());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw invalid(key, value.get(), "a size below 2 GiB such as 10M");
        }
    }

    private static boolean bool(HierarchicalConfiguration<ImmutableNode> configuration, String key, boolean defaultValue) {
        Optional<String> value = value(configuration, key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        if (value.get().equalsIgnoreCase("true") || value.get().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value.get());
        }
        throw invalid(key, value.get(), "true or false");
    }

    private static Optional<String> value(HierarchicalConfiguration<ImmutableNode> configuration, String key) {
        return Optional.ofNullable(configuration.getString(key, null)).map(String::trim);
    }

    private static ConfigurationError invalid(String key, String value, String expected) {
        return new ConfigurationError(FILE, key, "'" + value + "' is not " + expected);
    }

    int maxLineLength() {
        return maxLineLength;
    }

    int literalSizeLimit() {
        return literalSizeLimit;
    }

    int inMemorySizeLimit() {
        return inMemorySizeLimit;
    }

    boolean literalMinus() {
        return literalMinus;
    }

    int maxNestingDepth() {
        return maxNestingDepth;
    }

    int commandsPerSecond() {
        return commandsPerSecond;
    }
}
