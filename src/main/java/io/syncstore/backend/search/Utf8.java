package io.syncstore.backend.search;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding, for 8-bit text that declares no charset. */
final class Utf8 {
    private Utf8() {
    }

    static boolean isValid(byte[] bytes) {
        try {
            strict(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static String decodeOr(byte[] bytes, Charset fallback) {
        try {
            return strict(bytes);
        } catch (CharacterCodingException e) {
            return new String(bytes, fallback);
        }
    }

    private static String strict(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
    }
}
