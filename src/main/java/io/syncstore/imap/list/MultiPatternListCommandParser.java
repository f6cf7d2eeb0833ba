package io.syncstore.imap.list;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.commons.lang3.tuple.ImmutablePair;
import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.display.ModifiedUtf7;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.ListCommandParser;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.message.Literal;
import org.apache.james.imap.message.request.ListRequest;

import io.syncstore.imap.mode.ConnectionMode;
import io.syncstore.imap.mode.Imap4Rev2;
import io.syncstore.imap.mode.Utf8RequestLineReader;

/**
 * LIST with a parenthesised list of patterns (RFC 5258 §3, {@code mbox-or-pat = list-mailbox / patterns}), which
 * James 3.8.1 answers BAD. The rest of the command is read as text; each pattern is decoded by James's parser as a
 * LIST of its own, and the requests are answered together by {@link MultiPatternListProcessor}. A single pattern
 * gives James's own request. A reference or pattern that is not modified UTF-7 (RFC 3501 §5.1.3) matches no
 * mailbox: it is answered OK with nothing listed, as Dovecot answers it (a MultiPatternListRequest of no pattern).
 */
public class MultiPatternListCommandParser extends ListCommandParser {
    /** A mailbox name longer than this is no name: refused before its octets are held in memory. */
    private static final int LONGEST_NAME_LITERAL = 65_536;

    @Inject
    public MultiPatternListCommandParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, boolean useUids, ImapSession session) throws DecodingException {
        String rest = restOfLine(request);
        Split split = split(rest);
        if (split != null && split.patterns.isEmpty()) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Empty pattern list");
        }
        if (split == null || split.patterns.size() == 1) {
            String line = split == null ? rest : split.before + split.patterns.get(0) + split.after;
            return decodedPattern(line, tag, useUids, session).orElseGet(() -> new MultiPatternListRequest(tag, ImapConstants.LIST_COMMAND, List.of()));
        }
        List<ListRequest> requests = new ArrayList<>();
        for (String pattern : split.patterns) {
            Optional<ImapMessage> message = decodedPattern(split.before + pattern + split.after, tag, useUids, session);
            if (message.isPresent() && !(message.get() instanceof ListRequest)) {
                return message.get();
            }
            message.ifPresent(list -> requests.add((ListRequest) list));
        }
        return new MultiPatternListRequest(tag, ImapConstants.LIST_COMMAND, requests);
    }

    /** The LIST of one pattern; empty when its reference or pattern is not modified UTF-7 (it matches nothing). */
    private Optional<ImapMessage> decodedPattern(String line, Tag tag, boolean useUids, ImapSession session) throws DecodingException {
        ImapMessage message;
        try {
            message = checked(super.decode(reader(line, session), tag, useUids, session), session);
        } catch (NotModifiedUtf7Exception e) {
            return Optional.empty();
        }
        boolean matchable = !(message instanceof ListRequest) || ModifiedUtf7Names.valid(((ListRequest) message).getMailboxPattern());
        return matchable ? Optional.of(message) : Optional.empty();
    }

    private static ImapRequestLineReader reader(String line, ImapSession session) {
        return ModifiedUtf7CheckingReader.of(Utf8RequestLineReader.of(new StringRequestLineReader(line + "\r\n"), session), session);
    }

    /**
     * RFC 5258 §3.1: RECURSIVEMATCH modifies another selection option and is BAD alone or with REMOTE only (which
     * James 3.8.1 answers OK, with nothing). REMOTE adds remote mailboxes to the local ones; there are none here, so
     * it is dropped (James 3.8.1 answers nothing at all to a LIST with REMOTE).
     */
    private static ImapMessage checked(ImapMessage message, ImapSession session) throws DecodingException {
        if (message.getClass() != ListRequest.class) {
            return message;
        }
        ListRequest request = (ListRequest) message;
        // each pattern of a multi-pattern LIST reaches James's processor without passing the processor chain's check
        Optional<HumanReadableText> refusal = Imap4Rev2.refusal(request, session);
        if (refusal.isPresent()) {
            throw new DecodingException(refusal.get(), "STATUS RECENT is not in IMAP4rev2");
        }
        EnumSet<ListRequest.ListSelectOption> options = request.getSelectOptions();
        if (options.contains(ListRequest.ListSelectOption.RECURSIVEMATCH)
            && !options.contains(ListRequest.ListSelectOption.SUBSCRIBED)
            && !options.contains(ListRequest.ListSelectOption.SPECIAL_USE)) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS,
                "RECURSIVEMATCH needs a selection option it modifies (SUBSCRIBED or SPECIAL-USE)");
        }
        boolean utf8 = ConnectionMode.utf8(session);
        EnumSet<ListRequest.ListSelectOption> local = EnumSet.copyOf(options);
        local.remove(ListRequest.ListSelectOption.REMOTE);
        // James's LIST processor decodes the reference from modified UTF-7 although James's parser decoded it already
        // (a reference holding "&-" failed): it is handed over encoded again, and so is a UTF-8 client's pattern
        String reference = ModifiedUtf7.encodeModifiedUTF7(request.getBaseReferenceName());
        String pattern = utf8 ? ModifiedUtf7.encodeModifiedUTF7(request.getMailboxPattern()) : request.getMailboxPattern();
        return new ListRequest(request.getCommand(), reference, pattern, request.getTag(), local,
            request.getReturnOptions(), request.getStatusDataItems());
    }

    /**
     * The command's text from here to its final line feed; a literal argument is kept as a literal, its octets after
     * its line, so that James's parser reads it from the text as from the connection. A '{' outside a quoted string can
     * only open a literal (RFC 3501 §9: not an ATOM-CHAR nor a list-char).
     */
    private static String restOfLine(ImapRequestLineReader request) throws DecodingException {
        StringBuilder line = new StringBuilder();
        boolean quoted = false;
        boolean escaped = false;
        char next = request.nextChar();
        while (next != '\n') {
            if (next == '{' && !quoted) {
                appendLiteral(request, line);
            } else {
                // octets kept as they came (James's readers give an octet above 127 as a negative byte made a char)
                line.append((char) (next & 0xff));
                quoted ^= next == '"' && !escaped;
                escaped = quoted && next == '\\' && !escaped;
                request.consume();
            }
            next = request.nextChar();
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return line.toString();
    }

    private static void appendLiteral(ImapRequestLineReader request, StringBuilder line) throws DecodingException {
        try {
            ImmutablePair<Integer, Literal> literal = request.consumeLiteral(false);
            // a framer may spool a literal to a file, which closing deletes
            try (Closeable spooled = literal.right instanceof Closeable ? (Closeable) literal.right : () -> { }) {
                if (literal.left > LONGEST_NAME_LITERAL) {
                    throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Mailbox name literal too long");
                }
                try (InputStream in = literal.right.getInputStream()) {
                    line.append('{').append(literal.left).append("+}\r\n").append(new String(in.readNBytes(literal.left), StandardCharsets.ISO_8859_1));
                }
            }
        } catch (IOException e) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Literal not read", e);
        }
    }

    private static final class Split {
        String before;
        List<String> patterns = new ArrayList<>();
        String after;
    }

    /**
     * Splits {@code [(select-opts)] SP reference SP (p1 p2 ...) [SP RETURN ...]}; null when the mailbox argument is
     * not a parenthesised list.
     */
    private static Split split(String line) throws DecodingException {
        int i = skipSpaces(line, 0);
        if (i < line.length() && line.charAt(i) == '(') {
            i = skipParenthesised(line, i);
        }
        i = skipSpaces(line, i);
        i = skipString(line, i);
        i = skipSpaces(line, i);
        if (i >= line.length() || line.charAt(i) != '(') {
            return null;
        }
        Split split = new Split();
        split.before = line.substring(0, i);
        int end = skipParenthesised(line, i);
        String inner = line.substring(i + 1, end - 1);
        int j = 0;
        while (true) {
            j = skipSpaces(inner, j);
            if (j >= inner.length()) {
                break;
            }
            int start = j;
            j = skipString(inner, j);
            if (j == start) {
                throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Bad pattern list");
            }
            split.patterns.add(inner.substring(start, j));
        }
        split.after = line.substring(end);
        return split;
    }

    private static int skipSpaces(String line, int i) {
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int skipParenthesised(String line, int i) throws DecodingException {
        int depth = 0;
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                i = skipString(line, i) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Unbalanced parenthesis");
    }

    /** Past a quoted string or an atom (list wildcards included). */
    private static int skipString(String line, int i) {
        if (i < line.length() && line.charAt(i) == '"') {
            i++;
            while (i < line.length() && line.charAt(i) != '"') {
                if (line.charAt(i) == '\\') {
                    i++;
                }
                i++;
            }
            return Math.min(line.length(), i + 1);
        }
        while (i < line.length() && " ()".indexOf(line.charAt(i)) < 0) {
            i++;
        }
        return i;
    }
}
