package io.syncstore.imap.search;

import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.request.SearchOperation;
import org.apache.james.imap.api.message.request.SearchResultOption;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.SearchCommandParser;
import org.apache.james.imap.message.request.SearchRequest;

/**
 * James's SEARCH grammar, with SyncStore's reading of {@code RETURN (...)} so that it takes PARTIAL (RFC 9394 §3.1):
 * such a SEARCH becomes a {@link PartialSearchRequest}.
 */
public class ExtendedSearchCommandParser extends SearchCommandParser {
    private static final Set<SearchResultOption> SEARCH_RESULT_OPTIONS = EnumSet.allOf(SearchResultOption.class);

    protected ExtendedSearchCommandParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, boolean useUids, ImapSession session) throws DecodingException {
        if (Character.toUpperCase(request.nextWordChar()) != 'R') {
            return super.decode(request, tag, useUids, session);
        }
        // RETURN and RECENT both start so, and the reader cannot look further ahead than one character
        String word = word(request);
        try {
            if (word.equals("RECENT")) {
                return new SearchRequest(new SearchOperation(recentAndWhatFollows(request, session), List.of()), useUids, tag);
            }
            if (!word.equals("RETURN")) {
                throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Unknown search key '" + word + "'");
            }
            request.nextWordChar();
            ResultOptions options = ResultOptions.parse(request, SEARCH_RESULT_OPTIONS);
            SearchOperation operation = new SearchOperation(decode(session, request), options.options());
            return options.partial()
                .<SearchRequest>map(range -> new PartialSearchRequest(operation, useUids, tag, range))
                .orElseGet(() -> new SearchRequest(operation, useUids, tag));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return taggedNo(tag, ImapConstants.SEARCH_COMMAND, HumanReadableText.BAD_CHARSET,
                StatusResponse.ResponseCode.badCharset());
        }
    }

    private SearchKey recentAndWhatFollows(ImapRequestLineReader request, ImapSession session) throws DecodingException {
        if (request.nextChar() != ' ') {
            request.eol();
            return SearchKey.buildRecent();
        }
        return SearchKey.buildAnd(List.of(SearchKey.buildRecent(), decode(session, request)));
    }

    private static String word(ImapRequestLineReader request) throws DecodingException {
        StringBuilder word = new StringBuilder();
        while (Character.isLetter(request.nextChar())) {
            word.append(request.consume());
        }
        return word.toString().toUpperCase(Locale.ROOT);
    }
}
