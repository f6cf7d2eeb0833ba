package io.syncstore.imap.search;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.request.SearchResultOption;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.SearchCommandParser;

/**
 * Parses {@code SORT} (RFC 5256 §4, RFC 5957, RFC 5267 §3.2). The search criteria are James's: this parser extends
 * James's SEARCH parser for its search-key grammar (and so that {@code UID SORT} is accepted as a UID command), with
 * the charset SORT requires set before the keys are read.
 */
public class SortCommandParser extends SearchCommandParser {
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
        List<SearchResultOption> options = new ArrayList<>();
        if (Character.toUpperCase(request.nextChar()) == 'R') {
            String word = word(request);
            if (!word.equalsIgnoreCase("RETURN")) {
                throw bad("Expected RETURN or a sort criteria list, found '" + word + "'");
            }
            options = resultOptions(request);
            request.nextWordChar();
        }
        List<SortCriterion> criteria = criteria(request);
        request.nextWordChar();
        String charsetName = request.astring();
        Charset charset;
        try {
            charset = Charset.forName(charsetName);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            request.consumeLine();
            return taggedNo(tag, SortRequest.COMMAND, HumanReadableText.BAD_CHARSET, StatusResponse.ResponseCode.badCharset());
        }
        SearchKey key = searchKeys(request, session, charset);
        return new SortRequest(tag, criteria, key, useUids, options);
    }

    private SearchKey searchKeys(ImapRequestLineReader request, ImapSession session, Charset charset) throws DecodingException {
        Context context = new Context();
        context.setCharset(charset);
        List<SearchKey> keys = new ArrayList<>();
        do {
            request.nextWordChar();
            keys.add(searchKey(session, request, context, false));
        } while (request.nextChar() == ' ');
        request.eol();
        return keys.size() == 1 ? keys.get(0) : SearchKey.buildAnd(keys);
    }

    private static List<SearchResultOption> resultOptions(ImapRequestLineReader request) throws DecodingException {
        request.nextWordChar();
        request.consumeChar('(');
        List<SearchResultOption> options = new ArrayList<>();
        while (request.nextWordChar() != ')') {
            String word = word(request);
            SearchResultOption option = parseOption(word);
            if (!SORT_RESULT_OPTIONS.contains(option)) {
                throw bad("Unsupported SORT result option '" + word + "'");
            }
            if (!options.contains(option)) {
                options.add(option);
            }
        }
        request.consumeChar(')');
        if (options.isEmpty()) {
            // RFC 4731 §3.1: RETURN () means RETURN (ALL)
            options.add(SearchResultOption.ALL);
        }
        return options;
    }

    private static SearchResultOption parseOption(String word) throws DecodingException {
        try {
            return SearchResultOption.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("Unknown result option '" + word + "'");
        }
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

    private static String word(ImapRequestLineReader request) throws DecodingException {
        StringBuilder word = new StringBuilder();
        while (Character.isLetter(request.nextChar())) {
            word.append(request.consume());
        }
        if (word.length() == 0) {
            throw bad("Expected a word, found '" + request.nextChar() + "'");
        }
        return word.toString();
    }

    private static DecodingException bad(String message) {
        return new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, message);
    }
}
