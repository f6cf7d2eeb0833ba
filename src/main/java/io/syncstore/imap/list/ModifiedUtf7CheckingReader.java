package io.syncstore.imap.list;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;

import org.apache.james.imap.api.display.ModifiedUtf7;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;

import io.syncstore.imap.channel.FramedCommandReader;
import io.syncstore.imap.mode.ConnectionMode;

/**
 * The reader of a LIST or LSUB on a connection that writes names in modified UTF-7: a reference that is not modified
 * UTF-7 is noted and read as the empty name, so that the parser reads the whole command (its literals included) and
 * answers it as matching nothing, before James's decoder fails on it (with an {@code Error}). A quoted string or a
 * literal holding 8-bit octets is taken alike either way, as Dovecot 2.3 takes both: octets that are UTF-8 as the name
 * they spell (in modified UTF-7), others as not modified UTF-7, matching nothing (James read both as US-ASCII and
 * answered BAD). A connection speaking
 * UTF-8 (RFC 6855) writes names in UTF-8, which its reader hands on encoded: valid by construction, so its reader is
 * not wrapped.
 */
final class ModifiedUtf7CheckingReader extends FramedCommandReader {
    private boolean notModifiedUtf7;

    private ModifiedUtf7CheckingReader(ImapRequestLineReader reader) {
        super(reader, ISO_8859_1);
    }

    static ImapRequestLineReader of(ImapRequestLineReader reader, ImapSession session) {
        return ConnectionMode.utf8(session) ? reader : new ModifiedUtf7CheckingReader(reader);
    }

    /** Whether {@code reader} read a name that is not modified UTF-7. */
    static boolean readInvalidName(ImapRequestLineReader reader) {
        return reader instanceof ModifiedUtf7CheckingReader && ((ModifiedUtf7CheckingReader) reader).notModifiedUtf7;
    }

    @Override
    protected String consumeQuoted(Charset charset) throws DecodingException {
        return eightBitAsModifiedUtf7(super.consumeQuoted(charset));
    }

    @Override
    public String consumeLiteral(Charset charset) throws DecodingException {
        return eightBitAsModifiedUtf7(super.consumeLiteral(charset));
    }

    /** {@code octets} (one a character): beyond US-ASCII, if UTF-8, the name they spell in modified UTF-7. */
    static String eightBitAsModifiedUtf7(String octets) {
        if (octets.chars().allMatch(c -> c < 0x80)) {
            return octets;
        }
        try {
            return ModifiedUtf7.encodeModifiedUTF7(UTF_8.newDecoder().decode(ByteBuffer.wrap(octets.getBytes(ISO_8859_1))).toString());
        } catch (CharacterCodingException e) {
            return octets;
        }
    }

    @Override
    public String mailbox() throws DecodingException {
        String name = mailboxUTF7();
        if (!ModifiedUtf7Names.valid(name)) {
            notModifiedUtf7 = true;
            return "";
        }
        return ModifiedUtf7.decodeModifiedUTF7(name);
    }
}
