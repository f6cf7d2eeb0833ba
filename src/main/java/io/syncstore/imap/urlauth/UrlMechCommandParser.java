package io.syncstore.imap.urlauth;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.base.AbstractImapCommandParser;

/** {@code "URLMECH"}, no argument. */
public class UrlMechCommandParser extends AbstractImapCommandParser {
    @Inject
    public UrlMechCommandParser(StatusResponseFactory statusResponseFactory) {
        super(UrlMechRequest.URLMECH, statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, ImapSession session) throws DecodingException {
        request.eol();
        return new UrlMechRequest(tag);
    }
}
