package io.syncstore.server.imap;

import io.netty.buffer.ByteBuf;

/**
 * How deep the parenthesised lists of the command being framed go, counted over its lines (not inside quoted strings
 * or literals): James's parsers descend one call per level, so a command nested thousands deep is refused before it
 * is decoded.
 */
final class NestingDepth {
    private final int limit;
    private int depth;

    NestingDepth(int limit) {
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    /** Reads one line of the command; true when its lists went deeper than the limit. */
    boolean exceededBy(ByteBuf in, int from, int to) {
        boolean quoted = false;
        for (int i = from; i < to; i++) {
            byte octet = in.getByte(i);
            if (quoted) {
                if (octet == '\\') {
                    i++;
                } else if (octet == '"') {
                    quoted = false;
                }
            } else if (octet == '"') {
                quoted = true;
            } else if (octet == '(' && ++depth > limit) {
                return true;
            } else if (octet == ')' && depth > 0) {
                depth--;
            }
        }
        return false;
    }

    /** The command ended (or was refused): the next one starts at depth 0. */
    void reset() {
        depth = 0;
    }
}
