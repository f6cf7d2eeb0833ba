package io.syncstore.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What FETCH needs of a message besides its sections, computed once when the message is stored: ENVELOPE, BODY and
 * BODYSTRUCTURE as written bytes ({@link FetchItemBytes}), its MIME tree with each part's header and the size and line
 * count of each body, and its PREVIEW text. Kept by a backend as bytes (written by {@link #of}, read by {@link #read}
 * and {@link #itemBytes}); a leading format number lets a later format tell an older summary apart.
 */
public final class MessageSummary {
    private static final Logger LOGGER = LoggerFactory.getLogger(MessageSummary.class);
    private static final int FORMAT = 3;
    /** Format 2 had no written items: its tree answers, and {@link #upgraded} adds them. */
    private static final int FORMAT_BEFORE_ITEMS = 2;
    /** Format 1 took message/global for a leaf: its summaries are still good for messages without such a part. */
    private static final int FORMAT_BEFORE_GLOBAL = 1;

    private final MessagePart structure;
    private final String preview;

    private MessageSummary(MessagePart structure, String preview) {
        this.structure = structure;
        this.preview = preview;
    }

    /** The summary of a whole message, as bytes to keep. */
    public static byte[] of(byte[] message) {
        return of(MessagePart.parse(message));
    }

    public static byte[] of(MessagePart root) {
        return of(root, Preview.of(root));
    }

    private static byte[] of(MessagePart root, String preview) {
        try {
            return written(root, preview, true);
        } catch (RuntimeException e) {
            // a message the FETCH writers cannot describe is still stored; a FETCH of its items fails as it would have
            LOGGER.warn("ENVELOPE, BODY and BODYSTRUCTURE of a message could not be written; its summary has none", e);
            return written(root, preview, false);
        }
    }

    private static byte[] written(MessagePart root, String preview, boolean withItems) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2 * root.bodyStart + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(withItems ? FORMAT : FORMAT_BEFORE_ITEMS);
            if (withItems) {
                FetchItemBytes.write(root, out);
            }
            write(root, out);
            out.writeUTF(preview);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A summary written by {@link #of}; empty when its format is not this one (then compute it again). */
    public static Optional<MessageSummary> read(byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            byte format = in.readByte();
            if (format != FORMAT && format != FORMAT_BEFORE_ITEMS && format != FORMAT_BEFORE_GLOBAL) {
                return Optional.empty();
            }
            if (format == FORMAT) {
                FetchItemBytes.skip(in);
            }
            MessagePart root = read(in, MessagePart.rootType());
            if (format == FORMAT_BEFORE_GLOBAL && root.summarisedBeforeGlobal()) {
                return Optional.empty();
            }
            return Optional.of(new MessageSummary(root, in.readUTF()));
        } catch (IOException e) {
            throw new UncheckedIOException("A stored message summary is damaged", e);
        }
    }

    /** Whether {@link #read} gives a summary of these bytes whatever the message (format 2 or later). */
    public static boolean readsWhole(byte[] stored) {
        return stored.length > 0 && (stored[0] == FORMAT || stored[0] == FORMAT_BEFORE_ITEMS);
    }

    /** ENVELOPE, BODY and BODYSTRUCTURE as written bytes, read in place; empty for a summary of an older format. */
    public static Optional<FetchItemBytes> itemBytes(byte[] stored) {
        return stored.length > 0 && stored[0] == FORMAT ? Optional.of(FetchItemBytes.read(stored, 1)) : Optional.empty();
    }

    /**
     * A summary of an older format that {@link #read} takes, in this format: its items written from its own tree, the
     * message not read. Empty when the summary is of this format already or is not read.
     */
    public static Optional<byte[]> upgraded(byte[] stored) {
        if (stored.length > 0 && stored[0] == FORMAT) {
            return Optional.empty();
        }
        return read(stored).map(summary -> of(summary.structure, summary.preview)).filter(upgrade -> upgrade[0] == FORMAT);
    }

    /** The message's MIME tree, without bodies. */
    public MessagePart structure() {
        return structure;
    }

    public String preview() {
        return preview;
    }

    private static void write(MessagePart part, DataOutputStream out) throws IOException {
        out.writeInt(part.bodyStart - part.start);
        out.write(part.message, part.start, part.bodyStart - part.start);
        out.writeInt(part.bodySize());
        out.writeLong(part.bodyLines());
        out.writeUTF(part.childType());
        out.writeInt(part.children.size());
        for (MessagePart child : part.children) {
            write(child, out);
        }
        out.writeBoolean(part.isMessage());
        if (part.isMessage()) {
            write(part.encapsulated, out);
        }
    }

    private static MessagePart read(DataInputStream in, String defaultType) throws IOException {
        byte[] header = in.readNBytes(in.readInt());
        int bodySize = in.readInt();
        long bodyLines = in.readLong();
        String childType = in.readUTF();
        int count = in.readInt();
        List<MessagePart> children = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            children.add(read(in, childType));
        }
        MessagePart encapsulated = in.readBoolean() ? read(in, MessagePart.rootType()) : null;
        return MessagePart.summarised(header, defaultType, bodySize, bodyLines, children, encapsulated);
    }
}
