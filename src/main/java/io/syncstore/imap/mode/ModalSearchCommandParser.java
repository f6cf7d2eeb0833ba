package io.syncstore.imap.mode;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.request.SearchOperation;
import org.apache.james.imap.api.message.request.SearchResultOption;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.message.request.SearchRequest;

import io.syncstore.imap.search.ExtendedSearchCommandParser;
import io.syncstore.imap.search.PartialSearchRequest;

/**
 * SEARCH ({@link ExtendedSearchCommandParser}), as the connection's {@link ConnectionMode}s say: no CHARSET from a connection that speaks UTF-8
 * (RFC 6855 §3: its strings are UTF-8, a charset label would conflict; BAD), and in IMAP4rev2 a SEARCH without
 * RETURN is {@code RETURN (ALL)}, answered with ESEARCH (RFC 9051 §6.4.4).
 */
public class ModalSearchCommandParser extends ExtendedSearchCommandParser {
    @Inject
    public ModalSearchCommandParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    protected SearchKey searchKey(ImapSession session, ImapRequestLineReader request, Context context, boolean isFirstToken) throws DecodingException {
        SearchKey key = super.searchKey(session, request, context, isFirstToken);
        if (isFirstToken && context.getCharset() != null && ConnectionMode.utf8(session)) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS,
                "SEARCH takes no CHARSET after ENABLE UTF8=ACCEPT or IMAP4rev2 (RFC 6855 section 3)");
        }
        return key;
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, boolean useUids, ImapSession session) throws DecodingException {
        ImapMessage message = super.decode(request, tag, useUids, session);
        if (!(message instanceof SearchRequest) || message instanceof PartialSearchRequest
                || !ConnectionMode.IMAP4REV2.enabledIn(session)) {
            return message;
        }
        SearchOperation operation = ((SearchRequest) message).getSearchOperation();
        if (!operation.getResultOptions().isEmpty()) {
            return message;
        }
        return new SearchRequest(new SearchOperation(operation.getSearchKey(), List.of(SearchResultOption.ALL)), useUids, tag);
    }
}
