package io.syncstore.imap.fetch;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.Arrays;
import java.util.StringJoiner;

import org.apache.james.imap.api.process.ImapProcessor.Responder;

import io.syncstore.api.FlagRows;
import io.syncstore.mime.FetchItemBytes;
import io.syncstore.mime.FetchItemBytes.Item;

/**
 * FETCH responses of MODSEQ, FLAGS (system flags only) and UID written into bytes, item for item and space for space as
 * James's FETCH encoder writes them, and handed to the responder as {@link FetchLines} 16 KB at a time; with
 * ENVELOPE, BODY and BODYSTRUCTURE copied from a message's stored {@link FetchItemBytes}, where the FETCH of a James
 * response with {@link io.syncstore.mime.StructureWriter}'s items puts them (ENVELOPE before UID, the others last).
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
    /** The items of {@link FetchItemBytes} asked for before UID and after it, and the connection's mode. */
    private final Item[] itemsBeforeUid;
    private final Item[] itemsAfterUid;
    private final FetchItemBytes.Mode mode;
    private byte[] buffer = new byte[CHUNK + LONGEST_LINE];
    private int length;

    MetadataLines(boolean flags, boolean uid, boolean modSeq, Responder responder) {
        this(flags, uid, modSeq, new Item[0], new Item[0], FetchItemBytes.Mode.IMAP4REV1, responder);
    }

    MetadataLines(boolean flags, boolean uid, boolean modSeq, Item[] itemsBeforeUid, Item[] itemsAfterUid,
                  FetchItemBytes.Mode mode, Responder responder) {
        this.flags = flags;
        this.uid = uid;
        this.modSeq = modSeq;
        this.itemsBeforeUid = itemsBeforeUid;
        this.itemsAfterUid = itemsAfterUid;
        this.mode = mode;
        this.responder = responder;
    }

    boolean showsFlags() {
        return flags;
    }

    /** {@code systemFlags}: the bits of {@link FlagRows}, as the connection sees them. */
    void add(int msn, long messageUid, long messageModSeq, int systemFlags) {
        add(msn, messageUid, messageModSeq, systemFlags, null);
    }

    /** {@code items}: the message's stored items, null when the lines show none. */
    void add(int msn, long messageUid, long messageModSeq, int systemFlags, FetchItemBytes items) {
        if (items != null) {
            makeRoom(items);
        }
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
        first = items(items, itemsBeforeUid, first);
        if (uid) {
            separate(first);
            put(UID);
            number(messageUid);
            first = false;
        }
        items(items, itemsAfterUid, first);
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

    private boolean items(FetchItemBytes items, Item[] asked, boolean first) {
        if (items == null || asked.length == 0) {
            return first;
        }
        for (Item item : asked) {
            separate(first);
            first = false;
            int itemLength = items.length(item, mode);
            System.arraycopy(items.array(), items.start(item, mode), buffer, length, itemLength);
            length += itemLength;
        }
        return false;
    }

    /** Flushes the lines before a line with these items that would overflow the buffer, and grows it for a longer one. */
    private void makeRoom(FetchItemBytes items) {
        int needed = LONGEST_LINE + length(items, itemsBeforeUid) + length(items, itemsAfterUid);
        if (length + needed > buffer.length) {
            flush();
        }
        if (needed > buffer.length) {
            buffer = new byte[needed];
        }
    }

    /** What the asked items take in a line, each with the space before it. */
    private int length(FetchItemBytes items, Item[] asked) {
        int length = 0;
        for (Item item : asked) {
            length += items.length(item, mode) + 1;
        }
        return length;
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
