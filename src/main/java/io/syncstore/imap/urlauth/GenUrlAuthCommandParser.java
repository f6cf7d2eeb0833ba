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

/** {@code "GENURLAUTH" 1*(SP url-rump SP mechanism)}. */
public class GenUrlAuthCommandParser extends AbstractImapCommandParser {
    @Inject
    public GenUrlAuthCommandParser(StatusResponseFactory statusResponseFactory) {
        super(GenUrlAuthRequest.GENURLAUTH, statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, ImapSession session) throws DecodingException {
        List<String> rumps = new ArrayList<>();
        List<String> mechanisms = new ArrayList<>();
        do {
            rumps.add(request.astring());
            mechanisms.add(request.atom());
        } while (request.nextWordCharLenient().isPresent());
        request.eol();
        return new GenUrlAuthRequest(tag, rumps, mechanisms);
    }
}
