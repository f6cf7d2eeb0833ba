package io.syncstore.imap.list;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.beetstra.jutf7.CharsetProvider;

/**
 * Whether a LIST's reference or pattern is modified UTF-7 (RFC 3501 §5.1.3), read by the decoder James's
 * {@code ModifiedUtf7} uses, set to report what it cannot read instead of failing in James's LIST processor.
 */
final class ModifiedUtf7Names {
    private static final Charset MODIFIED_UTF_7 = new CharsetProvider().charsetForName("X-MODIFIED-UTF-7");

    private ModifiedUtf7Names() {
    }

    static boolean valid(String name) {
        try {
            MODIFIED_UTF_7.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(name.getBytes(StandardCharsets.ISO_8859_1)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
