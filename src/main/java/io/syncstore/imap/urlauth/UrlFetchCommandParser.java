package io.syncstore.imap.urlauth;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.base.AbstractImapCommandParser;

/** {@code "URLFETCH" 1*(SP url)}. */
public class UrlFetchCommandParser extends AbstractImapCommandParser {
    @Inject
    public UrlFetchCommandParser(StatusResponseFactory statusResponseFactory) {
        super(UrlFetchRequest.URLFETCH, statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, ImapSession session) throws DecodingException {
        List<String> urls = new ArrayList<>();
        do {
            urls.add(request.astring());
        } while (request.nextWordCharLenient().isPresent());
        request.eol();
        return new UrlFetchRequest(tag, urls);
    }
}
