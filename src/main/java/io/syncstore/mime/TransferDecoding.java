package io.syncstore.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * A part's body with its Content-Transfer-Encoding undone (BINARY, RFC 3516; PREVIEW). Multiparts and
 * message/rfc822 parts can only have an identity encoding (RFC 2045 §6.4); the parts inside them are decoded.
 */
public final class TransferDecoding {
    private static final String CONTENT_TRANSFER_ENCODING = "Content-Transfer-Encoding";
    private static final Set<String> KNOWN = Set.of("7bit", "8bit", "binary", "base64", "quoted-printable");
    private TransferDecoding() {
    }

    /** Whether the body is stored encoded, so that BINARY sends something else than BODY would. */
    public static boolean isEncoded(MessagePart part) {
        String encoding = encoding(part);
        return !part.isMultipart() && !part.isMessage()
            && (encoding.equals("base64") || encoding.equals("quoted-printable"));
    }

    /** Whether some part at or below this one is stored encoded. */
    public static boolean holdsEncoded(MessagePart part) {
        return isEncoded(part) || part.children.stream().anyMatch(TransferDecoding::holdsEncoded)
            || (part.isMessage() && holdsEncoded(part.encapsulated));
    }

    /**
     * The decoded body, or empty when the encoding is unknown (RFC 3516 §4.3: UNKNOWN-CTE). The body of a multipart
     * or message/rfc822 part is given with every part below it decoded, as Dovecot does.
     */
    public static Optional<byte[]> decoded(MessagePart part) {
        if (part.isMultipart() || part.isMessage()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            return decodedBelow(part, part.bodyStart, out) ? Optional.of(out.toByteArray()) : Optional.empty();
        }
        switch (encoding(part)) {
            case "7bit":
            case "8bit":
            case "binary":
                return Optional.of(part.bodyBytes());
            case "base64":
                return Optional.of(readAll(new Base64InputStream(body(part), DecodeMonitor.SILENT)));
            case "quoted-printable":
                return Optional.of(readAll(new QuotedPrintableInputStream(body(part), DecodeMonitor.SILENT)));
            default:
                return Optional.empty();
        }
    }

    /** The whole part, header included, with every encoded part in it decoded. */
    public static Optional<byte[]> decodedWhole(MessagePart part) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return decodedWithin(part, out) ? Optional.of(out.toByteArray()) : Optional.empty();
    }

    /**
     * Writes the part, an encoded leaf as {@code Content-Transfer-Encoding: binary} (its other header fields as
     * written) followed by its decoded body; false when an encoding is unknown.
     */
    private static boolean decodedWithin(MessagePart part, ByteArrayOutputStream out) {
        if (part.isMultipart() || part.isMessage()) {
            out.write(part.message, part.start, part.bodyStart - part.start);
            return decodedBelow(part, part.bodyStart, out);
        }
        if (!isEncoded(part)) {
            if (!KNOWN.contains(encoding(part))) {
                return false;
            }
            out.write(part.message, part.start, part.end - part.start);
            return true;
        }
        byte[] fields = part.header.fields(List.of(CONTENT_TRANSFER_ENCODING), true);
        out.write(fields, 0, fields.length - 2);
        out.writeBytes((CONTENT_TRANSFER_ENCODING + ": binary\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(decoded(part).orElseThrow());
        return true;
    }

    /** The body of a multipart or message/rfc822 part from {@code from}, its parts decoded, the rest as written. */
    private static boolean decodedBelow(MessagePart part, int from, ByteArrayOutputStream out) {
        List<MessagePart> below = part.isMessage() ? List.of(part.encapsulated) : part.children;
        int copied = from;
        for (MessagePart child : below) {
            out.write(part.message, copied, child.start - copied);
            if (!decodedWithin(child, out)) {
                return false;
            }
            copied = child.end;
        }
        out.write(part.message, copied, part.end - copied);
        return true;
    }

    private static String encoding(MessagePart part) {
        return part.header.value(CONTENT_TRANSFER_ENCODING).orElse("7bit").toLowerCase(Locale.US);
    }

    private static InputStream body(MessagePart part) {
        return new ByteArrayInputStream(part.message, part.bodyStart, part.bodySize());
    }

    private static byte[] readAll(InputStream decoding) {
        try (InputStream in = decoding) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
