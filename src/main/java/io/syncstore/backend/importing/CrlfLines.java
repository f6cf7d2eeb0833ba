package io.syncstore.backend.importing;

import java.io.ByteArrayOutputStream;

/**
 * Messages as IMAP serves them, with lines ending in CRLF. Maildir and mbox files usually end lines with LF alone
 * (Dovecot adds the CR when it serves a message); stored as read, clients would get other bytes and sizes.
 */
final class CrlfLines {
    private CrlfLines() {
    }

    static byte[] of(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + content.length / 40);
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (b == '\n' && (i == 0 || content[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(b);
        }
        return out.toByteArray();
    }
}
