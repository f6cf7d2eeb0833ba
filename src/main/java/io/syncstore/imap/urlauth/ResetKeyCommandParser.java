package io.syncstore.imap.urlauth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.base.AbstractImapCommandParser;

/** {@code "RESETKEY" [SP mailbox *(SP mechanism)]}. */
public class ResetKeyCommandParser extends AbstractImapCommandParser {
    @Inject
    public ResetKeyCommandParser(StatusResponseFactory statusResponseFactory) {
        super(ResetKeyRequest.RESETKEY, statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, ImapSession session) throws DecodingException {
        Optional<String> mailbox = Optional.empty();
        List<String> mechanisms = new ArrayList<>();
        if (request.nextWordCharLenient().isPresent()) {
            mailbox = Optional.of(request.mailbox());
            while (request.nextWordCharLenient().isPresent()) {
                mechanisms.add(request.atom());
            }
        }
        request.eol();
        return new ResetKeyRequest(tag, mailbox, mechanisms);
    }
}
