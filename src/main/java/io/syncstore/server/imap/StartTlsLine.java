package io.syncstore.server.imap;

import io.netty.buffer.ByteBuf;

/**
 * Recognises a {@code tag STARTTLS} command line in place: the framer asks this of every command it frames, an APPEND
 * with its literal included, so it reads at most the octets a STARTTLS line can have and copies none.
 */
final class StartTlsLine {
    private static final byte[] COMMAND = {'s', 't', 'a', 'r', 't', 't', 'l', 's'};

    private StartTlsLine() {
    }

    /** Whether the octets from {@code start} to {@code end} (excluded) are a tag and STARTTLS, in any case. */
    static boolean is(ByteBuf in, int start, int end) {
        while (end > start && isBlank(in.getByte(end - 1))) {
            end--;
        }
        while (start < end && isBlank(in.getByte(start))) {
            start++;
        }
        int space = in.indexOf(start, end, (byte) ' ');
        if (space < 0) {
            return false;
        }
        int command = space + 1;
        while (command < end && isBlank(in.getByte(command))) {
            command++;
        }
        if (end - command != COMMAND.length) {
            return false;
        }
        for (int i = 0; i < COMMAND.length; i++) {
            if (Character.toLowerCase((char) in.getByte(command + i)) != COMMAND[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(byte octet) {
        return octet >= 0 && octet <= ' ';
    }
}
