package io.syncstore.imap.search;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.SearchResultOption;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;

/**
 * Parses {@code SORT} (RFC 5256 §4, RFC 5957, RFC 5267 §3.2, RFC 9394 §3.1).
 */
public class SortCommandParser extends CharsetSearchParser {
    private static final Set<SearchResultOption> SORT_RESULT_OPTIONS =
        EnumSet.of(SearchResultOption.MIN, SearchResultOption.MAX, SearchResultOption.COUNT, SearchResultOption.ALL);

    @Inject
    public SortCommandParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    public ImapCommand getCommand() {
        return SortRequest.COMMAND;
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, boolean useUids, ImapSession session) throws DecodingException {
        request.nextWordChar();
        Optional<ResultOptions> options = Character.toUpperCase(request.nextChar()) == 'R'
            ? Optional.of(returnOptions(request)) : Optional.empty();
        List<SortCriterion> criteria = criteria(request);
        return charsetAndKeys(request, session)
            .<ImapMessage>map(key -> new SortRequest(tag, criteria, key, useUids, options))
            .orElseGet(() -> taggedNo(tag, SortRequest.COMMAND, HumanReadableText.BAD_CHARSET,
                StatusResponse.ResponseCode.badCharset()));
    }

    private static ResultOptions returnOptions(ImapRequestLineReader request) throws DecodingException {
        String keyword = word(request);
        if (!keyword.equalsIgnoreCase("RETURN")) {
            throw bad("Expected RETURN or a sort criteria list, found '" + keyword + "'");
        }
        request.nextWordChar();
        ResultOptions options = ResultOptions.parse(request, SORT_RESULT_OPTIONS);
        request.nextWordChar();
        return options;
    }

    private static List<SortCriterion> criteria(ImapRequestLineReader request) throws DecodingException {
        request.consumeChar('(');
        List<SortCriterion> criteria = new ArrayList<>();
        while (request.nextWordChar() != ')') {
            String word = word(request);
            boolean reverse = word.equalsIgnoreCase("REVERSE");
            if (reverse) {
                request.nextWordChar();
                word = word(request);
            }
            String name = word;
            SortKey key = SortKey.parse(name).orElseThrow(() -> bad("Unknown sort key '" + name + "'"));
            criteria.add(new SortCriterion(key, reverse));
        }
        request.consumeChar(')');
        if (criteria.isEmpty()) {
            throw bad("Empty sort criteria");
        }
        return criteria;
    }
}
