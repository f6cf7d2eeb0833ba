package io.syncstore.imap.fetch;

import java.util.Collection;
import java.util.Optional;

import org.apache.james.imap.api.message.SectionType;

import io.syncstore.mime.MessagePart;

/**
 * The bytes of a body section (RFC 3501 §6.4.5) as Dovecot answers them. Part numbers count the parts of a
 * multipart; a message/rfc822 part's numbers count the parts of the message it holds; a part that is neither has a
 * part 1, itself. HEADER, HEADER.FIELDS and TEXT after a part number read the message a message/rfc822 part holds;
 * MIME reads the part's own header. A section naming nothing that exists is empty.
 */
final class Sections {
    private static final byte[] EMPTY = new byte[0];

    private Sections() {
    }

    /** The part a section path names, from the message {@code root}. */
    static Optional<MessagePart> part(MessagePart root, int[] path) {
        Optional<MessagePart> current = child(root, path[0]);
        for (int i = 1; i < path.length && current.isPresent(); i++) {
            MessagePart part = current.get();
            current = part.isMessage() ? child(part.encapsulated, path[i]) : child(part, path[i]);
        }
        return current;
    }

    private static Optional<MessagePart> child(MessagePart part, int number) {
        if (part.isMultipart()) {
            return number >= 1 && number <= part.children.size()
                ? Optional.of(part.children.get(number - 1)) : Optional.empty();
        }
        return number == 1 ? Optional.of(part) : Optional.empty();
    }

    static byte[] read(MessagePart root, int[] path, SectionType type, Collection<String> fieldNames) {
        if (path == null || path.length == 0) {
            return ofMessage(root, type, fieldNames);
        }
        return part(root, path)
            .map(part -> {
                switch (type) {
                    case CONTENT:
                        return part.bodyBytes();
                    case MIME:
                        return part.headerBytes();
                    default:
                        return part.isMessage() ? ofMessage(part.encapsulated, type, fieldNames) : EMPTY;
                }
            })
            .orElse(EMPTY);
    }

    private static byte[] ofMessage(MessagePart message, SectionType type, Collection<String> fieldNames) {
        switch (type) {
            case HEADER:
            case MIME:
                return message.headerBytes();
            case HEADER_FIELDS:
                return message.header.fields(fieldNames, false);
            case HEADER_NOT_FIELDS:
                return message.header.fields(fieldNames, true);
            case TEXT:
                return message.bodyBytes();
            default:
                return message.bytes(message.start, message.end);
        }
    }
}
