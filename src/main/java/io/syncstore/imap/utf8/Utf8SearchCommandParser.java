package io.syncstore.imap.utf8;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.SearchCommandParser;

/**
 * James's SEARCH, refusing a CHARSET from a connection that enabled UTF8=ACCEPT (RFC 6855 §3: its strings are UTF-8,
 * a charset label would conflict; BAD).
 */
public class Utf8SearchCommandParser extends SearchCommandParser {
    @Inject
    public Utf8SearchCommandParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    protected SearchKey searchKey(ImapSession session, ImapRequestLineReader request, Context context, boolean isFirstToken) throws DecodingException {
        SearchKey key = super.searchKey(session, request, context, isFirstToken);
        if (isFirstToken && context.getCharset() != null && Utf8Accept.enabled(session)) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS,
                "SEARCH takes no CHARSET after ENABLE UTF8=ACCEPT (RFC 6855 section 3)");
        }
        return key;
    }
}
