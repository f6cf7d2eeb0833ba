package io.syncstore.imap.fetch;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.Arrays;
import java.util.StringJoiner;

import org.apache.james.imap.api.process.ImapProcessor.Responder;

import io.syncstore.api.FlagRows;

/**
 * FETCH responses of MODSEQ, FLAGS (system flags only) and UID written into bytes, item for item and space for space as
 * James's FETCH encoder writes them, and handed to the responder as {@link FetchLines} 16 KB at a time.
 */
final class MetadataLines {
    private static final int CHUNK = 16 * 1024;
    /** More than the longest line: two 20-digit numbers, a 10-digit one and every system flag. */
    private static final int LONGEST_LINE = 256;
    private static final String[] SYSTEM_FLAGS = {"\\Answered", "\\Deleted", "\\Draft", "\\Flagged", "\\Recent", "\\Seen"};
    /** {@code FLAGS (...)} for each combination of {@link FlagRows}' bits, written once. */
    private static final byte[][] FLAG_LISTS = flagLists();
    private static final byte[] FETCH = bytes(" FETCH (");
    private static final byte[] MODSEQ = bytes("MODSEQ (");
    private static final byte[] UID = bytes("UID ");

    private final boolean flags;
    private final boolean uid;
    private final boolean modSeq;
    private final Responder responder;
    private final byte[] buffer = new byte[CHUNK + LONGEST_LINE];
    private int length;

    MetadataLines(boolean flags, boolean uid, boolean modSeq, Responder responder) {
        this.flags = flags;
        this.uid = uid;
        this.modSeq = modSeq;
        this.responder = responder;
    }

    boolean showsFlags() {
        return flags;
    }

    /** {@code systemFlags}: the bits of {@link FlagRows}, as the connection sees them. */
    void add(int msn, long messageUid, long messageModSeq, int systemFlags) {
        put((byte) '*');
        put((byte) ' ');
        number(msn);
        put(FETCH);
        boolean first = true;
        if (modSeq) {
            put(MODSEQ);
            number(messageModSeq);
            put((byte) ')');
            first = false;
        }
        if (flags) {
            separate(first);
            put(FLAG_LISTS[systemFlags]);
            first = false;
        }
        if (uid) {
            separate(first);
            put(UID);
            number(messageUid);
        }
        put((byte) ')');
        put((byte) '\r');
        put((byte) '\n');
        if (length >= CHUNK) {
            flush();
        }
    }

    /** Responds with the lines written since the last flush, if any. */
    void flush() {
        if (length == 0) {
            return;
        }
        responder.respond(new FetchLines(Arrays.copyOf(buffer, length - 2)));
        length = 0;
    }

    private void separate(boolean first) {
        if (!first) {
            put((byte) ' ');
        }
    }

    /** A sequence number, UID or modseq: never negative. */
    private void number(long value) {
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        for (int at = length + digits - 1; at >= length; at--) {
            buffer[at] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
    }

    private void put(byte b) {
        buffer[length++] = b;
    }

    private void put(byte[] bytes) {
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private static byte[][] flagLists() {
        byte[][] lists = new byte[1 << SYSTEM_FLAGS.length][];
        for (int bits = 0; bits < lists.length; bits++) {
            StringJoiner list = new StringJoiner(" ", "FLAGS (", ")");
            for (int flag = 0; flag < SYSTEM_FLAGS.length; flag++) {
                if ((bits & (1 << flag)) != 0) {
                    list.add(SYSTEM_FLAGS[flag]);
                }
            }
            lists[bits] = bytes(list.toString());
        }
        return lists;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(US_ASCII);
    }
}
