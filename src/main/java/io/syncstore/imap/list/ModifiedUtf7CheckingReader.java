package io.syncstore.imap.list;

import org.apache.james.imap.api.display.ModifiedUtf7;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;

import io.syncstore.imap.channel.FramedCommandReader;
import io.syncstore.imap.mode.ConnectionMode;

/**
 * The reader of a LIST or LSUB: a reference that is not modified UTF-7 is refused with
 * {@link NotModifiedUtf7Exception} before James's decoder fails on it (with an {@code Error}). A connection speaking
 * UTF-8 (RFC 6855) writes names in UTF-8, which its reader hands on encoded: valid by construction.
 */
final class ModifiedUtf7CheckingReader extends FramedCommandReader {
    private ModifiedUtf7CheckingReader(ImapRequestLineReader reader) {
        super(reader);
    }

    static ImapRequestLineReader of(ImapRequestLineReader reader, ImapSession session) {
        return ConnectionMode.utf8(session) ? reader : new ModifiedUtf7CheckingReader(reader);
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
