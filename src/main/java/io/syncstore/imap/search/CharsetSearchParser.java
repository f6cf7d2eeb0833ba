package io.syncstore.imap.search;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.SearchCommandParser;

/**
 * What SORT and THREAD share (RFC 5256 §4): a mandatory charset, then search keys. James's SEARCH parser is extended
 * for its search-key grammar, and so that {@code UID SORT}/{@code UID THREAD} are accepted as UID commands.
 */
public abstract class CharsetSearchParser extends SearchCommandParser {
    protected CharsetSearchParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    /** The charset and the search keys, to the end of the line; empty when the charset is unknown. */
    protected Optional<SearchKey> charsetAndKeys(ImapRequestLineReader request, ImapSession session) throws DecodingException {
        request.nextWordChar();
        String charsetName = request.astring();
        Charset charset;
        try {
            charset = Charset.forName(charsetName);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            request.consumeLine();
            return Optional.empty();
        }
        Context context = new Context();
        context.setCharset(charset);
        List<SearchKey> keys = new ArrayList<>();
        do {
            request.nextWordChar();
            keys.add(searchKey(session, request, context, false));
        } while (request.nextChar() == ' ');
        request.eol();
        return Optional.of(keys.size() == 1 ? keys.get(0) : SearchKey.buildAnd(keys));
    }

    protected static String word(ImapRequestLineReader request) throws DecodingException {
        StringBuilder word = new StringBuilder();
        while (Character.isLetterOrDigit(request.nextChar()) || request.nextChar() == '=') {
            word.append(request.consume());
        }
        if (word.length() == 0) {
            throw bad("Expected a word, found '" + request.nextChar() + "'");
        }
        return word.toString();
    }

    protected static DecodingException bad(String message) {
        return new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, message);
    }
}
