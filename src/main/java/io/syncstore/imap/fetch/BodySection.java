package io.syncstore.imap.fetch;

import org.apache.james.imap.decode.DecodingException;

import io.syncstore.mime.MessagePart;

/**
 * The octets a FETCH of {@code BODY[section]<origin.length>} returns, for other commands that name a section of a
 * message (CATENATE's URLs, RFC 4469 and RFC 5092).
 */
public final class BodySection {
    private BodySection() {
    }

    /** The section (the text between FETCH's brackets, empty for the whole message) of {@code message}. */
    public static byte[] read(byte[] message, String section) throws DecodingException {
        SectionSpec spec = SectionSpec.parse(section);
        return Sections.read(MessagePart.parse(message), spec.path, spec.type, spec.fieldNames);
    }

    /** {@code length} octets of {@code octets} from {@code origin}, fewer where they end (RFC 5550 §3.2). */
    public static byte[] partial(byte[] octets, long origin, Long length) {
        return new Partial(origin, length).of(octets);
    }
}
