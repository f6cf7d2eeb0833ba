package io.syncstore.mime;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.message.response.FetchResponse.Envelope;
import org.apache.james.imap.message.response.FetchResponse.Envelope.Address;
import org.apache.james.imap.message.response.FetchResponse.Structure;

/**
 * BODY and BODYSTRUCTURE (RFC 3501 §7.4.2, RFC 9051 §7.5.2) of a part tree. A message/rfc822 part is written with
 * the envelope, structure and line count of the message it holds; so is a message/global part (RFC 6532 §3.7) on a
 * connection that enabled IMAP4rev2, whose grammar lists it as a message (RFC 9051 §9, {@code media-message}).
 * IMAP4rev1's grammar (RFC 3501 §9) knows only message/rfc822 there, so an IMAP4rev1 connection gets message/global
 * as a basic part, as Dovecot 2.3 writes it to every client. A transfer-encoded message/global has no message to
 * describe and is a basic part on every connection.
 */
public final class StructureWriter {
    private final boolean extensions;
    private final boolean globalAsMessage;

    private StructureWriter(boolean extensions, boolean globalAsMessage) {
        this.extensions = extensions;
        this.globalAsMessage = globalAsMessage;
    }

    /** Writes the FETCH item {@code BODY (...)}. */
    public static void body(ImapResponseComposer composer, Structure root, boolean globalAsMessage) throws IOException {
        new StructureWriter(false, globalAsMessage).write(composer.message("BODY"), root);
    }

    /** Writes the FETCH item {@code BODYSTRUCTURE (...)}. */
    public static void bodyStructure(ImapResponseComposer composer, Structure root, boolean globalAsMessage)
            throws IOException {
        new StructureWriter(true, globalAsMessage).write(composer.message("BODYSTRUCTURE"), root);
    }

    private void write(ImapResponseComposer composer, Structure part) throws IOException {
        if (part.getMediaType().equalsIgnoreCase("multipart")) {
            writeMultipart(composer, part);
            return;
        }
        composer.openParen().quoteUpperCaseAscii(part.getMediaType()).quoteUpperCaseAscii(part.getSubType());
        strings(composer, part.getParameters());
        string(composer, part.getId());
        string(composer, part.getDescription());
        composer.quoteUpperCaseAscii(part.getEncoding()).message(part.getOctets());
        if (encapsulates(part)) {
            envelope(composer, part.getEnvelope());
            write(composer, part.getBody());
            composer.message(part.getLines());
        } else if (part.getMediaType().equalsIgnoreCase("text")) {
            composer.message(part.getLines());
        }
        if (extensions) {
            string(composer, part.getMD5());
            placement(composer, part);
        }
        composer.closeParen();
    }

    private boolean encapsulates(Structure part) {
        if (!part.getMediaType().equalsIgnoreCase("message") || part.getBody() == null) {
            return false;
        }
        return part.getSubType().equalsIgnoreCase("rfc822") || globalAsMessage && part.getSubType().equalsIgnoreCase("global");
    }

    private void writeMultipart(ImapResponseComposer composer, Structure part) throws IOException {
        composer.openParen();
        for (Iterator<Structure> children = part.parts(); children.hasNext(); ) {
            // body parts follow each other without a space: 1*body SP media-subtype
            composer.skipNextSpace();
            write(composer, children.next());
        }
        composer.quoteUpperCaseAscii(part.getSubType());
        if (extensions) {
            strings(composer, part.getParameters());
            placement(composer, part);
        }
        composer.closeParen();
    }

    /** The extension fields every part ends with: disposition, languages, location. */
    private static void placement(ImapResponseComposer composer, Structure part) throws IOException {
        disposition(composer, part);
        strings(composer, part.getLanguages());
        string(composer, part.getLocation());
    }

    private static void disposition(ImapResponseComposer composer, Structure part) throws IOException {
        if (part.getDisposition() == null) {
            composer.nil();
            return;
        }
        composer.openParen().quote(part.getDisposition());
        Map<String, String> parameters = new TreeMap<>(part.getDispositionParams());
        if (parameters.isEmpty()) {
            composer.nil();
        } else {
            composer.openParen();
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                composer.quote(parameter.getKey()).quote(parameter.getValue());
            }
            composer.closeParen();
        }
        composer.closeParen();
    }

    private static void envelope(ImapResponseComposer composer, Envelope envelope) throws IOException {
        composer.openParen();
        string(composer, envelope.getDate());
        string(composer, envelope.getSubject());
        addresses(composer, envelope.getFrom());
        addresses(composer, envelope.getSender());
        addresses(composer, envelope.getReplyTo());
        addresses(composer, envelope.getTo());
        addresses(composer, envelope.getCc());
        addresses(composer, envelope.getBcc());
        string(composer, envelope.getInReplyTo());
        string(composer, envelope.getMessageId());
        composer.closeParen();
    }

    private static void addresses(ImapResponseComposer composer, Address[] addresses) throws IOException {
        if (addresses == null || addresses.length == 0) {
            composer.nil();
            return;
        }
        composer.openParen();
        for (Address address : addresses) {
            // addresses follow each other without a space: "(" 1*address ")"
            composer.skipNextSpace().openParen();
            string(composer, address.getPersonalName());
            string(composer, address.getAtDomainList());
            string(composer, address.getMailboxName());
            string(composer, address.getHostName());
            composer.closeParen();
        }
        composer.closeParen();
    }

    private static void strings(ImapResponseComposer composer, List<String> values) throws IOException {
        if (values == null || values.isEmpty()) {
            composer.nil();
            return;
        }
        composer.openParen();
        for (String value : values) {
            string(composer, value);
        }
        composer.closeParen();
    }

    private static void string(ImapResponseComposer composer, String value) throws IOException {
        if (value == null) {
            composer.nil();
        } else {
            composer.quote(value);
        }
    }
}
