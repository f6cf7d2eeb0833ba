package io.syncstore.imap.fetch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;

/**
 * One part of a message's MIME tree, as offsets into the message's bytes: its header from {@link #start} to
 * {@link #bodyStart}, its body up to {@link #end}. A multipart has its {@link #children}; a message/rfc822 part its
 * {@link #encapsulated} message. The whole message is the root part. Parsed once per message; every FETCH item reads
 * from it.
 */
final class MessagePart {
    private static final String DEFAULT_TYPE = "text/plain";
    private static final String RFC822 = "message/rfc822";

    final byte[] message;
    final int start;
    final int bodyStart;
    final int end;
    final HeaderBlock header;
    final String mediaType;
    final String subType;
    final List<NameValuePair> parameters;
    /** Whether the part said its type: a part without Content-Type is given a charset in BODYSTRUCTURE. */
    final boolean typeGiven;
    final List<MessagePart> children;
    final MessagePart encapsulated;

    private MessagePart(byte[] message, int start, int end, String defaultType) {
        this.message = message;
        this.start = start;
        this.end = end;
        this.header = HeaderBlock.parse(message, start, end);
        this.bodyStart = header.end();
        Optional<RawBody> contentType = header.value("Content-Type").map(MessagePart::parameterised);
        String type = contentType.map(RawBody::getValue).filter(value -> value.contains("/")).orElse(defaultType)
            .toLowerCase(Locale.US);
        this.typeGiven = contentType.isPresent();
        this.mediaType = type.substring(0, type.indexOf('/'));
        this.subType = type.substring(type.indexOf('/') + 1);
        this.parameters = contentType.map(RawBody::getParams).orElse(List.of());
        this.children = isMultipart() ? parts(parameter("boundary")) : List.of();
        this.encapsulated = RFC822.equals(type) ? new MessagePart(message, bodyStart, end, DEFAULT_TYPE) : null;
    }

    static MessagePart parse(byte[] message) {
        return new MessagePart(message, 0, message.length, DEFAULT_TYPE);
    }

    static RawBody parameterised(String value) {
        return RawFieldParser.DEFAULT.parseRawBody(new RawField("X", value));
    }

    boolean isMultipart() {
        return mediaType.equals("multipart");
    }

    boolean isMessage() {
        return encapsulated != null;
    }

    Optional<String> parameter(String name) {
        return parameters.stream().filter(pair -> pair.getName().equalsIgnoreCase(name)).findFirst()
            .map(NameValuePair::getValue);
    }

    int bodySize() {
        return end - bodyStart;
    }

    /** Lines of the body as Dovecot counts them: its line feeds. */
    long bodyLines() {
        long lines = 0;
        for (int i = bodyStart; i < end; i++) {
            if (message[i] == '\n') {
                lines++;
            }
        }
        return lines;
    }

    byte[] bytes(int from, int to) {
        byte[] copy = new byte[to - from];
        System.arraycopy(message, from, copy, 0, to - from);
        return copy;
    }

    byte[] headerBytes() {
        return bytes(start, bodyStart);
    }

    byte[] bodyBytes() {
        return bytes(bodyStart, end);
    }

    /**
     * The parts between the boundary lines (RFC 2046 §5.1.1): the line break before a boundary line belongs to it;
     * the last part ends at the close delimiter, or at the end of this part when there is none.
     */
    private List<MessagePart> parts(Optional<String> boundary) {
        if (boundary.isEmpty()) {
            return List.of();
        }
        byte[] delimiter = ("--" + boundary.get()).getBytes(StandardCharsets.ISO_8859_1);
        String childType = subType.equals("digest") ? RFC822 : DEFAULT_TYPE;
        List<MessagePart> parts = new ArrayList<>();
        int partStart = -1;
        for (int line = bodyStart; line < end; line = HeaderBlock.lineEnd(message, line, end)) {
            if (!isDelimiter(line, delimiter)) {
                continue;
            }
            if (partStart >= 0) {
                parts.add(new MessagePart(message, partStart, lineBreakBefore(line, partStart), childType));
            }
            if (isCloseDelimiter(line, delimiter)) {
                return parts;
            }
            partStart = HeaderBlock.lineEnd(message, line, end);
        }
        if (partStart >= 0) {
            parts.add(new MessagePart(message, partStart, end, childType));
        }
        return parts;
    }

    private boolean isDelimiter(int line, byte[] delimiter) {
        if (line + delimiter.length > end) {
            return false;
        }
        for (int i = 0; i < delimiter.length; i++) {
            if (message[line + i] != delimiter[i]) {
                return false;
            }
        }
        int after = line + delimiter.length;
        return after == end || message[after] == '\r' || message[after] == '\n' || message[after] == ' '
            || message[after] == '\t' || message[after] == '-';
    }

    private boolean isCloseDelimiter(int line, byte[] delimiter) {
        int after = line + delimiter.length;
        return after + 1 < end && message[after] == '-' && message[after + 1] == '-';
    }

    private int lineBreakBefore(int line, int floor) {
        int position = line;
        if (position > floor && message[position - 1] == '\n') {
            position--;
            if (position > floor && message[position - 1] == '\r') {
                position--;
            }
        }
        return position;
    }
}
