package io.syncstore.imap.names;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.RenameCommandParser;

import io.syncstore.imap.mode.Utf8RequestLineReader;

/** {@code RENAME existing new}, keeping the new name as written when a UTF-8 connection's name was normalized. */
public class NormalizingRenameCommandParser extends RenameCommandParser {
    @Inject
    public NormalizingRenameCommandParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, ImapSession session) throws DecodingException {
        String existingName = request.mailbox();
        String newName = request.mailbox();
        request.eol();
        return new NormalizedRenameRequest(existingName, newName, Utf8RequestLineReader.lastNameAsWritten(session), tag);
    }
}
