package io.syncstore.mime;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

import org.apache.james.imap.encode.FetchResponseEncoder;
import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseWriter;
import org.apache.james.imap.encode.base.ImapResponseComposerImpl;
import org.apache.james.imap.message.Literal;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.mailbox.MessageSequenceNumber;

/**
 * ENVELOPE, BODY and BODYSTRUCTURE of a message as a FETCH response writes them (the item's name, a space, its
 * value), computed once when the message is stored and kept in its {@link MessageSummary}, so that a FETCH copies
 * them into its line without parsing anything. They are written by James's FETCH encoder (ENVELOPE) and
 * {@link StructureWriter} (BODY, BODYSTRUCTURE) through James's composer: the bytes a FETCH writes from the parsed
 * message. What the connection enabled changes them in two ways, so they are kept per {@link Mode}, a mode's only
 * where they differ from the mode before it: a connection that speaks UTF-8 gets quoted strings beyond US-ASCII in
 * UTF-8 ({@link Utf8Strings}; only a message with 8-bit header octets has such strings), and an IMAP4rev2 one gets
 * a message/global part described as a message.
 */
public final class FetchItemBytes {
    public enum Item { ENVELOPE, BODY, BODYSTRUCTURE }

    /** What a connection enabled, as far as these items are concerned; each mode falls back to the one before. */
    public enum Mode { IMAP4REV1, UTF8_ACCEPT, IMAP4REV2 }

    private static final int ITEMS = Item.values().length;
    private static final int SLOTS = ITEMS * Mode.values().length;
    private static final byte[] SAME_AS_BEFORE = new byte[0];
    /** What James's encoder writes around the one item of {@link #envelope}'s response: {@code * 1 FETCH (...)CRLF}. */
    private static final int ENVELOPE_LINE_START = "* 1 FETCH (".length();
    private static final int ENVELOPE_LINE_END = ")\r\n".length();
    private static final FetchResponseEncoder ENCODER = new FetchResponseEncoder();

    private final byte[] stored;
    private final int[] starts;
    private final int[] lengths;

    private FetchItemBytes(byte[] stored, int[] starts, int[] lengths) {
        this.stored = stored;
        this.starts = starts;
        this.lengths = lengths;
    }

    /** Writes the items of the message, mode after mode, each as its length and bytes (empty: as the mode before). */
    static void write(MessagePart root, DataOutputStream out) throws IOException {
        byte[][] items = written(root, false, false);
        byte[][] utf8 = eightBitHeaders(root) ? written(root, true, false) : items;
        byte[][] imap4rev2 = holdsGlobalMessage(root) ? written(root, true, true) : utf8;
        for (byte[][] mode : new byte[][][] {items, differences(utf8, items), differences(imap4rev2, utf8)}) {
            for (byte[] item : mode) {
                out.writeInt(item.length);
                out.write(item);
            }
        }
    }

    /** The items written by {@link #write} at {@code offset} of {@code stored}, read in place. */
    static FetchItemBytes read(byte[] stored, int offset) {
        int[] starts = new int[SLOTS];
        int[] lengths = new int[SLOTS];
        int position = offset;
        for (int slot = 0; slot < SLOTS; slot++) {
            lengths[slot] = (stored[position] & 0xFF) << 24 | (stored[position + 1] & 0xFF) << 16
                | (stored[position + 2] & 0xFF) << 8 | stored[position + 3] & 0xFF;
            starts[slot] = position + 4;
            position = starts[slot] + lengths[slot];
        }
        return new FetchItemBytes(stored, starts, lengths);
    }

    /** Reads past what {@link #write} wrote. */
    static void skip(DataInputStream in) throws IOException {
        for (int slot = 0; slot < SLOTS; slot++) {
            in.skipBytes(in.readInt());
        }
    }

    /** The bytes {@link #start} and {@link #length} point into. */
    public byte[] array() {
        return stored;
    }

    public int start(Item item, Mode mode) {
        return starts[slot(item, mode)];
    }

    public int length(Item item, Mode mode) {
        return lengths[slot(item, mode)];
    }

    private int slot(Item item, Mode mode) {
        for (int kept = mode.ordinal(); kept > 0; kept--) {
            int slot = kept * ITEMS + item.ordinal();
            if (lengths[slot] > 0) {
                return slot;
            }
        }
        return item.ordinal();
    }

    private static byte[][] written(MessagePart root, boolean utf8, boolean globalAsMessage) throws IOException {
        PartStructure structure = new PartStructure(root);
        return new byte[][] {
            envelope(root, utf8),
            written(utf8, composer -> StructureWriter.body(composer.skipNextSpace(), structure, globalAsMessage)),
            written(utf8, composer -> StructureWriter.bodyStructure(composer.skipNextSpace(), structure, globalAsMessage))};
    }

    private static byte[][] differences(byte[][] items, byte[][] before) {
        byte[][] differences = new byte[ITEMS][];
        for (int item = 0; item < ITEMS; item++) {
            differences[item] = Arrays.equals(items[item], before[item]) ? SAME_AS_BEFORE : items[item];
        }
        return differences;
    }

    /** Whether a header of the tree holds an 8-bit octet: only those give strings beyond US-ASCII. */
    private static boolean eightBitHeaders(MessagePart part) {
        for (int i = part.start; i < part.bodyStart; i++) {
            if (part.message[i] < 0) {
                return true;
            }
        }
        return part.isMessage() && eightBitHeaders(part.encapsulated)
            || part.children.stream().anyMatch(FetchItemBytes::eightBitHeaders);
    }

    /** Whether a part of the tree is a message/global that holds a message: described as one in IMAP4rev2 only. */
    private static boolean holdsGlobalMessage(MessagePart part) {
        return part.isMessage() && (part.subType.equals("global") || holdsGlobalMessage(part.encapsulated))
            || part.children.stream().anyMatch(FetchItemBytes::holdsGlobalMessage);
    }

    /** ENVELOPE as James's FETCH encoder writes it, cut out of the one-item response it writes. */
    private static byte[] envelope(MessagePart root, boolean utf8) throws IOException {
        FetchResponse response = new FetchResponse(MessageSequenceNumber.of(1), null, null, null, null, null, null,
            Envelopes.of(root.header), null, null, null, null, null);
        byte[] line = written(utf8, composer -> ENCODER.encode(response, composer));
        return Arrays.copyOfRange(line, ENVELOPE_LINE_START, line.length - ENVELOPE_LINE_END);
    }

    private static byte[] written(boolean utf8, Writing writing) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        ImapResponseWriter writer = new ImapResponseWriter() {
            @Override
            public void write(Literal literal) {
                throw new IllegalStateException("ENVELOPE, BODY and BODYSTRUCTURE hold no literal");
            }

            @Override
            public void write(byte[] buffer) {
                bytes.writeBytes(buffer);
            }
        };
        ImapResponseComposerImpl composer = utf8 ? new Utf8Composer(writer) : new ImapResponseComposerImpl(writer);
        writing.writeTo(composer);
        composer.flush();
        return bytes.toByteArray();
    }

    private interface Writing {
        void writeTo(ImapResponseComposer composer) throws IOException;
    }

    /** James's composer but for quoted strings beyond US-ASCII, written in UTF-8 as SyncStore's modal encoder does. */
    private static final class Utf8Composer extends ImapResponseComposerImpl {
        Utf8Composer(ImapResponseWriter writer) {
            super(writer);
        }

        @Override
        public ImapResponseComposer quote(String message) throws IOException {
            return Utf8Strings.beyondAscii(message) ? message(Utf8Strings.quoted(message)) : super.quote(message);
        }
    }
}
