package io.syncstore.imap.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.SearchResultOption;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;

import com.google.common.collect.ImmutableList;

/**
 * What {@code RETURN (...)} of SEARCH (RFC 4731 §3.1) or SORT (RFC 5267 §3.2) asks for, PARTIAL included (RFC 9394
 * §3.1: at most one PARTIAL, never beside ALL). {@code RETURN ()} means ALL.
 */
final class ResultOptions {
    private static final String PARTIAL = "PARTIAL";

    private final List<SearchResultOption> options;
    private final Optional<PartialRange> partial;

    private ResultOptions(List<SearchResultOption> options, Optional<PartialRange> partial) {
        this.options = ImmutableList.copyOf(options);
        this.partial = partial;
    }

    /** From the opening parenthesis to the closing one, consumed; any option outside {@code accepted} is BAD. */
    static ResultOptions parse(ImapRequestLineReader request, Set<SearchResultOption> accepted) throws DecodingException {
        request.consumeChar('(');
        List<SearchResultOption> options = new ArrayList<>();
        Optional<PartialRange> partial = Optional.empty();
        while (request.nextWordChar() != ')') {
            String word = token(request).toUpperCase(Locale.ROOT);
            if (word.equals(PARTIAL)) {
                if (partial.isPresent()) {
                    throw bad("PARTIAL given twice");
                }
                request.consumeChar(' ');
                partial = Optional.of(PartialRange.parse(token(request)));
            } else {
                SearchResultOption option = option(word);
                if (!accepted.contains(option)) {
                    throw bad("Unsupported result option '" + word + "'");
                }
                if (!options.contains(option)) {
                    options.add(option);
                }
            }
        }
        request.consumeChar(')');
        if (partial.isPresent() && options.contains(SearchResultOption.ALL)) {
            throw bad("PARTIAL and ALL exclude each other (RFC 9394 section 3.1)");
        }
        if (options.isEmpty() && partial.isEmpty()) {
            options.add(SearchResultOption.ALL);
        }
        return new ResultOptions(options, partial);
    }

    private static String token(ImapRequestLineReader request) throws DecodingException {
        StringBuilder token = new StringBuilder();
        char next = request.nextChar();
        while (Character.isLetterOrDigit(next) || next == ':' || next == '-') {
            token.append(request.consume());
            next = request.nextChar();
        }
        if (token.length() == 0) {
            throw bad("Expected a result option, found '" + next + "'");
        }
        return token.toString();
    }

    private static SearchResultOption option(String word) throws DecodingException {
        try {
            return SearchResultOption.valueOf(word);
        } catch (IllegalArgumentException e) {
            throw bad("Unknown result option '" + word + "'");
        }
    }

    private static DecodingException bad(String message) {
        return new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, message);
    }

    /** The options other than PARTIAL, in the order first given. */
    List<SearchResultOption> options() {
        return options;
    }

    Optional<PartialRange> partial() {
        return partial;
    }
}
