package io.syncstore.backend.importing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Decodes folder names as IMAP (RFC 3501, section 5.1.3) and Dovecot's Maildir++ folder files write them. */
final class ModifiedUtf7 {
    private ModifiedUtf7() {
    }

    static String decode(String encoded) {
        StringBuilder decoded = new StringBuilder();
        int i = 0;
        while (i < encoded.length()) {
            char c = encoded.charAt(i);
            int end = encoded.indexOf('-', i + 1);
            if (c != '&' || end < 0) {
                decoded.append(c);
                i++;
            } else if (end == i + 1) {
                decoded.append('&');
                i = end + 1;
            } else {
                byte[] utf16 = Base64.getDecoder().decode(pad(encoded.substring(i + 1, end).replace(',', '/')));
                decoded.append(new String(utf16, StandardCharsets.UTF_16BE));
                i = end + 1;
            }
        }
        return decoded.toString();
    }

    private static String pad(String base64) {
        return base64 + "===".substring(0, (4 - base64.length() % 4) % 4);
    }
}
