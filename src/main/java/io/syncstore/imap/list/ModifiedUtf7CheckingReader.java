package io.syncstore.imap.list;

import java.io.IOException;

import org.apache.james.imap.api.display.ModifiedUtf7;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.message.Literal;

import io.syncstore.imap.mode.ConnectionMode;

/**
 * The reader of a LIST or LSUB: a reference that is not modified UTF-7 is refused with
 * {@link NotModifiedUtf7Exception} before James's decoder fails on it (with an {@code Error}). A connection speaking
 * UTF-8 (RFC 6855) writes names in UTF-8, which its reader hands on encoded: valid by construction.
 */
final class ModifiedUtf7CheckingReader extends ImapRequestLineReader {
    private final ImapRequestLineReader reader;

    private ModifiedUtf7CheckingReader(ImapRequestLineReader reader) {
        this.reader = reader;
    }

    static ImapRequestLineReader of(ImapRequestLineReader reader, ImapSession session) {
        return ConnectionMode.utf8(session) ? reader : new ModifiedUtf7CheckingReader(reader);
    }

    @Override
    public char nextChar() throws DecodingException {
        return reader.nextChar();
    }

    @Override
    public char consume() throws DecodingException {
        return reader.consume();
    }

    @Override
    public Literal read(int size, boolean extraCRLF) throws IOException {
        return reader.read(size, extraCRLF);
    }

    @Override
    protected void commandContinuationRequest() {
        // the framer has the whole command
    }

    @Override
    public String mailboxUTF7() throws DecodingException {
        return reader.mailboxUTF7();
    }

    @Override
    public String mailbox() throws DecodingException {
        String name = mailboxUTF7();
        if (!ModifiedUtf7Names.valid(name)) {
            throw new NotModifiedUtf7Exception();
        }
        return ModifiedUtf7.decodeModifiedUTF7(name);
    }
}
