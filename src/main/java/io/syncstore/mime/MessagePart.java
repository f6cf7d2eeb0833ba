package io.syncstore.mime;

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
 * {@link #bodyStart}, its body up to {@link #end}. A multipart has its {@link #children}; a message/rfc822 or message/global part its
 * {@link #encapsulated} message. The whole message is the root part. Parsed once per message; every FETCH item reads
 * from it. A part read back from a {@link MessageSummary} has its header and its body's size and line count but not
 * its body: enough for ENVELOPE, BODY and BODYSTRUCTURE, not for a body section.
 */
public final class MessagePart {
    private static final String DEFAULT_TYPE = "text/plain";
    private static final String RFC822 = "message/rfc822";
    private static final String GLOBAL = "message/global";
    private static final List<String> IDENTITY_ENCODINGS = List.of("7bit", "8bit", "binary");

    public final byte[] message;
    public final int start;
    public final int bodyStart;
    public final int end;
    public final HeaderBlock header;
    public final String mediaType;
    public final String subType;
    public final List<NameValuePair> parameters;
    /** Whether the part said its type: a part without Content-Type is given a charset in BODYSTRUCTURE. */
    public final boolean typeGiven;
    public final List<MessagePart> children;
    public final MessagePart encapsulated;
    private final int bodySize;
    /** Counted when first asked, unless known from a summary. */
    private long bodyLines;
    private final boolean hasBody;

    private MessagePart(byte[] message, int start, int end, String defaultType) {
        this.message = message;
        this.start = start;
        this.end = end;
        this.header = HeaderBlock.parse(message, start, end);
        this.bodyStart = header.end();
        this.bodySize = end - bodyStart;
        this.bodyLines = -1;
        this.hasBody = true;
        Optional<RawBody> contentType = header.value("Content-Type").map(MessagePart::parameterised);
        String type = type(contentType, defaultType);
        this.typeGiven = contentType.isPresent();
        this.mediaType = type.substring(0, type.indexOf('/'));
        this.subType = type.substring(type.indexOf('/') + 1);
        this.parameters = contentType.map(RawBody::getParams).orElse(List.of());
        this.children = isMultipart() ? parts(parameter("boundary")) : List.of();
        this.encapsulated = encapsulates(type, header) ? new MessagePart(message, bodyStart, end, DEFAULT_TYPE) : null;
    }

    private MessagePart(byte[] header, String defaultType, int bodySize, long bodyLines, List<MessagePart> children,
                        MessagePart encapsulated) {
        this.message = header;
        this.start = 0;
        this.end = header.length;
        this.header = HeaderBlock.parse(header, 0, header.length);
        this.bodyStart = header.length;
        this.bodySize = bodySize;
        this.bodyLines = bodyLines;
        this.hasBody = false;
        Optional<RawBody> contentType = this.header.value("Content-Type").map(MessagePart::parameterised);
        String type = type(contentType, defaultType);
        this.typeGiven = contentType.isPresent();
        this.mediaType = type.substring(0, type.indexOf('/'));
        this.subType = type.substring(type.indexOf('/') + 1);
        this.parameters = contentType.map(RawBody::getParams).orElse(List.of());
        this.children = List.copyOf(children);
        this.encapsulated = encapsulated;
    }

    /**
     * Whether a part of this type holds a message whose parts are numbered and described as its own: message/rfc822,
     * and message/global (RFC 6532 §3.7, RFC 9051 §7.5.2) unless its body is transfer-encoded (§3.5 allows base64 and
     * quoted-printable there, and an encoded message is not parsed).
     */
    private static boolean encapsulates(String type, HeaderBlock header) {
        return RFC822.equals(type) || GLOBAL.equals(type) && header.value("Content-Transfer-Encoding")
            .map(encoding -> IDENTITY_ENCODINGS.contains(encoding.trim().toLowerCase(Locale.US))).orElse(true);
    }

    /** A part read from a summary written before message/global was taken as a message. */
    boolean summarisedBeforeGlobal() {
        return !isMessage() && encapsulates(mediaType + "/" + subType, header)
            || children.stream().anyMatch(MessagePart::summarisedBeforeGlobal)
            || isMessage() && encapsulated.summarisedBeforeGlobal();
    }

    public static MessagePart parse(byte[] message) {
        return new MessagePart(message, 0, message.length, DEFAULT_TYPE);
    }

    /** A part of a summary: its header, the size and line count of its body, its parts. */
    static MessagePart summarised(byte[] header, String defaultType, int bodySize, long bodyLines,
                                  List<MessagePart> children, MessagePart encapsulated) {
        return new MessagePart(header, defaultType, bodySize, bodyLines, children, encapsulated);
    }

    static String rootType() {
        return DEFAULT_TYPE;
    }

    public static RawBody parameterised(String value) {
        return RawFieldParser.DEFAULT.parseRawBody(new RawField("X", value));
    }

    private static String type(Optional<RawBody> contentType, String defaultType) {
        return contentType.map(RawBody::getValue).filter(value -> value.contains("/")).orElse(defaultType)
            .toLowerCase(Locale.US);
    }

    /** The type of a part of this one that says none. */
    String childType() {
        return subType.equals("digest") ? RFC822 : DEFAULT_TYPE;
    }

    public boolean isMultipart() {
        return mediaType.equals("multipart");
    }

    public boolean isMessage() {
        return encapsulated != null;
    }

    public Optional<String> parameter(String name) {
        return parameters.stream().filter(pair -> pair.getName().equalsIgnoreCase(name)).findFirst()
            .map(NameValuePair::getValue);
    }

    public int bodySize() {
        return bodySize;
    }

    /** Lines of the body as Dovecot counts them: its line feeds. */
    public long bodyLines() {
        if (bodyLines < 0) {
            long lines = 0;
            for (int i = bodyStart; i < end; i++) {
                if (message[i] == '\n') {
                    lines++;
                }
            }
            bodyLines = lines;
        }
        return bodyLines;
    }

    /** Whether the part holds its body's bytes (not when read from a summary). */
    public boolean hasBody() {
        return hasBody;
    }

    public byte[] bytes(int from, int to) {
        if (!hasBody) {
            throw new IllegalStateException("A part read from a summary has no body");
        }
        byte[] copy = new byte[to - from];
        System.arraycopy(message, from, copy, 0, to - from);
        return copy;
    }

    public byte[] headerBytes() {
        return bytes(start, bodyStart);
    }

    public byte[] bodyBytes() {
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
        String childType = childType();
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
