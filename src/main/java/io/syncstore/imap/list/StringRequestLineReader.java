package io.syncstore.imap.list;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.message.BytesBackedLiteral;
import org.apache.james.imap.message.Literal;

/**
 * An {@link ImapRequestLineReader} over a complete command held in memory (no continuation requests), one char per
 * octet.
 */
final class StringRequestLineReader extends ImapRequestLineReader {
    private final byte[] bytes;
    private int position;

    StringRequestLineReader(String text) {
        this.bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public char nextChar() throws DecodingException {
        if (!nextSeen) {
            if (position >= bytes.length) {
                throw new DecodingException(org.apache.james.imap.api.display.HumanReadableText.ILLEGAL_ARGUMENTS,
                    "Unexpected end of command");
            }
            nextChar = (char) (bytes[position++] & 0xff);
            nextSeen = true;
        }
        return nextChar;
    }

    @Override
    public Literal read(int size, boolean extraCRLF) throws IOException {
        nextSeen = false;
        nextChar = 0;
        int end = Math.min(bytes.length, position + size);
        byte[] literal = Arrays.copyOfRange(bytes, position, end);
        position = end;
        return BytesBackedLiteral.copy(new ByteArrayInputStream(literal), literal.length);
    }

    @Override
    protected void commandContinuationRequest() {
        // the whole command is here already
    }
}
