package io.syncstore.imap.fetch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * A part's body with its Content-Transfer-Encoding undone (BINARY, RFC 3516; PREVIEW). Multiparts and
 * message/rfc822 parts are given as they are: their encoding can only be an identity (RFC 2045 §6.4).
 */
final class TransferDecoding {
    private TransferDecoding() {
    }

    /** Whether the body is stored encoded, so that BINARY sends something else than BODY would. */
    static boolean isEncoded(MessagePart part) {
        String encoding = encoding(part);
        return !part.isMultipart() && !part.isMessage()
            && (encoding.equals("base64") || encoding.equals("quoted-printable"));
    }

    /** The decoded body, or empty when the encoding is unknown (RFC 3516 §4.3: UNKNOWN-CTE). */
    static Optional<byte[]> decoded(MessagePart part) {
        if (part.isMultipart() || part.isMessage()) {
            return Optional.of(part.bodyBytes());
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

    private static String encoding(MessagePart part) {
        return part.header.value("Content-Transfer-Encoding").orElse("7bit").toLowerCase(Locale.US);
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
