package io.syncstore.mime;

import java.io.ByteArrayOutputStream;
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
 * message. Nothing in them depends on the connection but message/global: James's composer writes each non-ASCII
 * character of a quoted string as {@code ?} whatever the connection enabled (UTF8=ACCEPT or not), while an IMAP4rev2
 * connection gets a message/global part described as a message; BODY and BODYSTRUCTURE of IMAP4rev2 are kept apart
 * only when they differ.
 */
public final class FetchItemBytes {
    /** The items, in the order they are kept. */
    public enum Item { ENVELOPE, BODY, BODYSTRUCTURE, IMAP4REV2_BODY, IMAP4REV2_BODYSTRUCTURE }

    private static final int ITEMS = Item.values().length;
    private static final byte[] SAME_AS_IMAP4REV1 = new byte[0];
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

    /** Writes the items of the message, each as its length and bytes (an IMAP4rev2 one empty when the same). */
    static void write(MessagePart root, DataOutputStream out) throws IOException {
        PartStructure structure = new PartStructure(root);
        boolean differs = holdsGlobalMessage(root);
        for (byte[] item : new byte[][] {envelope(root), body(structure, false), bodyStructure(structure, false),
            differs ? body(structure, true) : SAME_AS_IMAP4REV1, differs ? bodyStructure(structure, true) : SAME_AS_IMAP4REV1}) {
            out.writeInt(item.length);
            out.write(item);
        }
    }

    /** Whether a part of the tree is a message/global that holds a message: described as one in IMAP4rev2 only. */
    private static boolean holdsGlobalMessage(MessagePart part) {
        return part.isMessage() && (part.subType.equals("global") || holdsGlobalMessage(part.encapsulated))
            || part.children.stream().anyMatch(FetchItemBytes::holdsGlobalMessage);
    }

    private static byte[] body(PartStructure structure, boolean imap4rev2) throws IOException {
        return written(composer -> StructureWriter.body(composer.skipNextSpace(), structure, imap4rev2));
    }

    private static byte[] bodyStructure(PartStructure structure, boolean imap4rev2) throws IOException {
        return written(composer -> StructureWriter.bodyStructure(composer.skipNextSpace(), structure, imap4rev2));
    }

    /** The items written by {@link #write} at {@code offset} of {@code stored}, read in place. */
    static FetchItemBytes read(byte[] stored, int offset) {
        int[] starts = new int[ITEMS];
        int[] lengths = new int[ITEMS];
        int position = offset;
        for (int item = 0; item < ITEMS; item++) {
            lengths[item] = (stored[position] & 0xFF) << 24 | (stored[position + 1] & 0xFF) << 16
                | (stored[position + 2] & 0xFF) << 8 | stored[position + 3] & 0xFF;
            starts[item] = position + 4;
            position = starts[item] + lengths[item];
        }
        return new FetchItemBytes(stored, starts, lengths);
    }

    /** The bytes {@link #start} and {@link #length} point into. */
    public byte[] array() {
        return stored;
    }

    public int start(Item item, boolean imap4rev2) {
        return starts[kept(item, imap4rev2).ordinal()];
    }

    public int length(Item item, boolean imap4rev2) {
        return lengths[kept(item, imap4rev2).ordinal()];
    }

    private Item kept(Item item, boolean imap4rev2) {
        if (!imap4rev2) {
            return item;
        }
        if (item == Item.BODY && lengths[Item.IMAP4REV2_BODY.ordinal()] > 0) {
            return Item.IMAP4REV2_BODY;
        }
        if (item == Item.BODYSTRUCTURE && lengths[Item.IMAP4REV2_BODYSTRUCTURE.ordinal()] > 0) {
            return Item.IMAP4REV2_BODYSTRUCTURE;
        }
        return item;
    }

    /** ENVELOPE as James's FETCH encoder writes it, cut out of the one-item response it writes. */
    private static byte[] envelope(MessagePart root) throws IOException {
        FetchResponse response = new FetchResponse(MessageSequenceNumber.of(1), null, null, null, null, null, null,
            Envelopes.of(root.header), null, null, null, null, null);
        byte[] line = written(composer -> ENCODER.encode(response, composer));
        return Arrays.copyOfRange(line, ENVELOPE_LINE_START, line.length - ENVELOPE_LINE_END);
    }

    private static byte[] written(Writing writing) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        ImapResponseComposerImpl composer = new ImapResponseComposerImpl(new ImapResponseWriter() {
            @Override
            public void write(Literal literal) {
                throw new IllegalStateException("ENVELOPE, BODY and BODYSTRUCTURE hold no literal");
            }

            @Override
            public void write(byte[] buffer) {
                bytes.writeBytes(buffer);
            }
        });
        writing.writeTo(composer);
        composer.flush();
        return bytes.toByteArray();
    }

    private interface Writing {
        void writeTo(ImapResponseComposer composer) throws IOException;
    }
}
