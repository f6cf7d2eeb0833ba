package io.syncstore.backend;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Content;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.apache.james.mailbox.store.streaming.CountingInputStream;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.HeaderImpl;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.util.io.BodyOffsetInputStream;

/**
 * What is read from a message before it is stored, the same things James's {@code StoreMessageManager} reads for one
 * APPEND: its header fields, the offset of its body, and the MIME properties of its top part (with the line count of
 * a text body).
 */
final class IncomingMessage {
    /** Types James's {@code MessageParser} takes for an attachment whatever their disposition. */
    private static final Set<String> ATTACHMENT_TYPES = Set.of("application/pgp-signature", "message/disposition-notification");

    private final HeaderImpl header;
    private final PropertyBuilder properties;
    private final int bodyStartOctet;
    private final boolean mayHaveAttachments;

    private IncomingMessage(HeaderImpl header, PropertyBuilder properties, int bodyStartOctet, boolean mayHaveAttachments) {
        this.header = header;
        this.properties = properties;
        this.bodyStartOctet = bodyStartOctet;
        this.mayHaveAttachments = mayHaveAttachments;
    }

    static IncomingMessage read(Content content) throws MailboxException {
        try (InputStream stream = content.getInputStream();
             BodyOffsetInputStream counted = new BodyOffsetInputStream(new BufferedInputStream(stream))) {
            MimeTokenStream tokens = new MimeTokenStream(MimeConfig.PERMISSIVE,
                new DefaultBodyDescriptorBuilder(null, new LenientFieldParser(), DecodeMonitor.SILENT));
            tokens.setRecursionMode(RecursionMode.M_NO_RECURSE);
            tokens.parse(counted);
            HeaderImpl header = headerOf(tokens);
            MaximalBodyDescriptor descriptor = (MaximalBodyDescriptor) tokens.getBodyDescriptor();
            PropertyBuilder properties = propertiesOf(descriptor);
            if (isText(descriptor)) {
                properties.setTextualLineCount(textLines(tokens));
            }
            return new IncomingMessage(header, properties, (int) Math.max(0, counted.getBodyStartOffset()),
                mayHaveAttachments(header, descriptor));
        } catch (IOException | MimeException e) {
            throw new MailboxException("Unable to parse message", e);
        }
    }

    private static HeaderImpl headerOf(MimeTokenStream tokens) throws IOException, MimeException {
        HeaderImpl header = new HeaderImpl();
        for (EntityState state = tokens.next(); !endsHeader(state); state = tokens.next()) {
            if (state == EntityState.T_FIELD) {
                header.addField(tokens.getField());
            }
        }
        return header;
    }

    private static boolean endsHeader(EntityState state) {
        return state == EntityState.T_BODY || state == EntityState.T_START_MULTIPART || state == EntityState.T_END_OF_STREAM;
    }

    private static PropertyBuilder propertiesOf(MaximalBodyDescriptor descriptor) {
        PropertyBuilder properties = new PropertyBuilder();
        // a message without a Content-Type is text/plain (RFC 2045 §5.2)
        boolean typed = descriptor.getMediaType() != null;
        properties.setMediaType(typed ? descriptor.getMediaType() : "text");
        properties.setSubType(typed ? descriptor.getSubType() : "plain");
        properties.setContentID(descriptor.getContentId());
        properties.setContentDescription(descriptor.getContentDescription());
        properties.setContentLocation(descriptor.getContentLocation());
        properties.setContentMD5(descriptor.getContentMD5Raw());
        properties.setContentTransferEncoding(descriptor.getTransferEncoding());
        properties.setContentLanguage(descriptor.getContentLanguage());
        properties.setContentDispositionType(descriptor.getContentDispositionType());
        properties.setContentDispositionParameters(descriptor.getContentDispositionParameters());
        properties.setContentTypeParameters(descriptor.getContentTypeParameters());
        // mime4j gives a text part without a charset parameter us-ascii (RFC 2045 §5.2)
        if (descriptor.getCharset() != null) {
            properties.setCharset(descriptor.getCharset());
        }
        return properties;
    }

    /**
     * False when James's {@code MessageParser} finds no attachment in the message: a single part (mime4j reads a
     * multipart without a boundary as text too) is one only with a Content-Disposition, a Content-ID or one of
     * {@link #ATTACHMENT_TYPES}. A multipart message is left to the parser.
     */
    private static boolean mayHaveAttachments(HeaderImpl header, MaximalBodyDescriptor descriptor) {
        return "multipart".equalsIgnoreCase(descriptor.getMediaType())
            || header.getField("Content-Disposition") != null
            || header.getField("Content-ID") != null
            || ATTACHMENT_TYPES.contains(String.valueOf(descriptor.getMimeType()).toLowerCase(Locale.US));
    }

    private static boolean isText(MaximalBodyDescriptor descriptor) {
        return descriptor.getMediaType() == null || "text".equalsIgnoreCase(descriptor.getMediaType());
    }

    /** The lines of a text body, its epilogue included. */
    private static long textLines(MimeTokenStream tokens) throws IOException, MimeException {
        long lines = countLines(tokens.getInputStream());
        if (tokens.next() == EntityState.T_EPILOGUE) {
            lines += countLines(tokens.getInputStream());
        }
        return lines;
    }

    private static long countLines(InputStream part) throws IOException {
        try (CountingInputStream counting = new CountingInputStream(part)) {
            counting.readAll();
            return counting.getLineCount();
        }
    }

    HeaderImpl header() {
        return header;
    }

    PropertyBuilder properties() {
        return properties;
    }

    int bodyStartOctet() {
        return bodyStartOctet;
    }

    boolean mayHaveAttachments() {
        return mayHaveAttachments;
    }
}
