package io.syncstore.mime;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Quoted strings as a connection that speaks UTF-8 (UTF8=ACCEPT, IMAP4rev2) gets them (RFC 6855 §3, RFC 9051 §5.1):
 * one holding a character beyond US-ASCII goes out as a UTF-8 quoted string, where James's composer writes {@code ?}
 * for each such character.
 */
public final class Utf8Strings {
    private Utf8Strings() {
    }

    public static boolean beyondAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return true;
            }
        }
        return false;
    }

    /** The text as a quoted string of UTF-8 octets. */
    public static byte[] quoted(String text) {
        return ('"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"').getBytes(UTF_8);
    }
}
