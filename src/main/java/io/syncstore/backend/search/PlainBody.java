package io.syncstore.backend.search;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A cheap exact test that a message's body text cannot hold a value, from its stored bytes, so that the candidates of
 * a search are not all parsed. It answers only for a message of ASCII bytes with no base64 or quoted-printable part and
 * no charset other than ASCII-compatible ones: the body text SearchText makes of such a message is pieces of its body
 * bytes, lowercased, joined by line ends, so a value without a line end that the text holds is in the lowercased
 * bytes. Any other message may hold the value as far as this test knows.
 */
final class PlainBody {
    private static final List<String> ASCII_COMPATIBLE = List.of("us-ascii", "utf-8", "iso-8859-", "windows-125");

    private PlainBody() {
    }

    static boolean cannotHold(byte[] header, byte[] body, String foldedValue) {
        if (foldedValue.indexOf('\n') >= 0 || !isAscii(header) || !isAscii(body)) {
            return false;
        }
        String lowerBody = new String(body, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        String lowerHeader = new String(header, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        if (!isPlain(lowerHeader) || !isPlain(lowerBody)) {
            return false;
        }
        return !lowerBody.contains(foldedValue);
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** No transfer encoding that changes the bytes, and every charset named one that reads ASCII bytes as ASCII. */
    private static boolean isPlain(String lower) {
        if (lower.contains("base64") || lower.contains("quoted-printable")) {
            return false;
        }
        for (int at = lower.indexOf("charset"); at >= 0; at = lower.indexOf("charset", at + 1)) {
            int value = at + "charset".length();
            value = skipSpaces(lower, value);
            if (value >= lower.length() || lower.charAt(value) != '=') {
                return false;
            }
            value = skipSpaces(lower, value + 1);
            if (value < lower.length() && lower.charAt(value) == '"') {
                value++;
            }
            int start = value;
            if (ASCII_COMPATIBLE.stream().noneMatch(name -> lower.startsWith(name, start))) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpaces(String text, int from) {
        int at = from;
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
        return at;
    }
}
