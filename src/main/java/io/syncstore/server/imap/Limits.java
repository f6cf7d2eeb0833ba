package io.syncstore.server.imap;

import java.util.Optional;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.imapserver.netty.IMAPServer;
import org.apache.james.util.Size;

/**
 * What one IMAP command may hold, read from an {@code <imapserver>} with James's keys and defaults:
 * {@code maxLineLength} (octets of one line), {@code literalSizeLimit} (octets of one literal, 0 for no limit) and
 * {@code inMemorySizeLimit} (a command with a larger literal is written to a temporary file as it arrives), and
 * SyncStore's {@code literalMinus} (true: non-synchronizing literals of at most 4096 octets, LITERAL- of RFC 7888,
 * instead of any size, LITERAL+).
 */
final class Limits {
    private final int maxLineLength;
    private final int literalSizeLimit;
    private final int inMemorySizeLimit;
    private final boolean literalMinus;

    private Limits(int maxLineLength, int literalSizeLimit, int inMemorySizeLimit, boolean literalMinus) {
        this.maxLineLength = maxLineLength;
        this.literalSizeLimit = literalSizeLimit;
        this.inMemorySizeLimit = inMemorySizeLimit;
        this.literalMinus = literalMinus;
    }

    static Limits defaults() {
        return new Limits(IMAPServer.DEFAULT_MAX_LINE_LENGTH, IMAPServer.DEFAULT_LITERAL_SIZE_LIMIT,
            Math.toIntExact(IMAPServer.DEFAULT_IN_MEMORY_SIZE_LIMIT.asBytes()), false);
    }

    static Limits of(HierarchicalConfiguration<ImmutableNode> configuration) {
        Limits defaults = defaults();
        return new Limits(
            configuration.getInt("maxLineLength", defaults.maxLineLength),
            size(configuration, "literalSizeLimit", defaults.literalSizeLimit),
            size(configuration, "inMemorySizeLimit", defaults.inMemorySizeLimit),
            configuration.getBoolean("literalMinus", defaults.literalMinus));
    }

    private static int size(HierarchicalConfiguration<ImmutableNode> configuration, String key, int defaultValue) {
        return Optional.ofNullable(configuration.getString(key, null))
            .map(Size::parse)
            .map(Size::asBytes)
            .map(Math::toIntExact)
            .orElse(defaultValue);
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
}
