package io.syncstore.imap.notify;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.display.ModifiedUtf7;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.ImapRequestStreamLineReader;
import org.apache.james.imap.decode.base.AbstractImapCommandParser;
import org.apache.james.imap.decode.parser.FetchCommandParser;
import org.apache.james.imap.message.request.FetchRequest;

/**
 * Parses {@code NOTIFY} by the ABNF of RFC 5465 §8. Syntax errors become a tagged BAD (through
 * {@link DecodingException}); rules that need the whole command (BADEVENT, event combinations) are checked by
 * {@link NotifyProcessor}, so that unknown event names can be answered with NO [BADEVENT].
 */
public class NotifyCommandParser extends AbstractImapCommandParser {
    private final FetchAttParser fetchAttParser;

    @Inject
    public NotifyCommandParser(StatusResponseFactory statusResponseFactory) {
        super(NotifyRequest.COMMAND, statusResponseFactory);
        this.fetchAttParser = new FetchAttParser(statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, ImapSession session) throws DecodingException {
        spaces(request);
        String verb = word(request);
        if (verb.equalsIgnoreCase("NONE")) {
            request.eol();
            return new NotifyRequest(tag, NotifySpec.NONE, false);
        }
        if (!verb.equalsIgnoreCase("SET")) {
            throw bad("Expected SET or NONE, found '" + verb + "'");
        }
        boolean status = false;
        List<NotifySpec.EventGroup> groups = new ArrayList<>();
        spaces(request);
        if (request.nextChar() != '(') {
            String word = word(request);
            if (!word.equalsIgnoreCase("STATUS")) {
                throw bad("Expected STATUS or an event group, found '" + word + "'");
            }
            status = true;
        }
        do {
            spaces(request);
            groups.add(eventGroup(request, session));
        } while (hasMore(request));
        request.eol();
        return new NotifyRequest(tag, new NotifySpec(groups), status);
    }

    private NotifySpec.EventGroup eventGroup(ImapRequestLineReader request, ImapSession session) throws DecodingException {
        expect(request, '(');
        String filterName = word(request);
        NotifySpec.FilterKind kind = NotifySpec.FilterKind.parse(filterName)
            .orElseThrow(() -> bad("Unknown mailbox filter '" + filterName + "'"));
        List<String> mailboxes = new ArrayList<>();
        if (kind.takesMailboxes()) {
            space(request);
            if (request.nextChar() == '(') {
                request.consume();
                mailboxes.add(mailbox(request));
                while (request.nextChar() == ' ') {
                    spaces(request);
                    mailboxes.add(mailbox(request));
                }
                expect(request, ')');
            } else {
                mailboxes.add(mailbox(request));
            }
        }
        space(request);
        List<NotifySpec.Event> events = new ArrayList<>();
        if (request.nextChar() == '(') {
            request.consume();
            while (true) {
                spaces(request);
                if (request.nextChar() == ')') {
                    break;
                }
                events.add(event(request, session));
            }
            if (events.isEmpty()) {
                throw bad("Empty event list");
            }
            expect(request, ')');
        } else {
            String none = word(request);
            if (!none.equalsIgnoreCase("NONE")) {
                throw bad("Expected an event list or NONE, found '" + none + "'");
            }
        }
        expect(request, ')');
        return new NotifySpec.EventGroup(new NotifySpec.Filter(kind, mailboxes), events);
    }

    private NotifySpec.Event event(ImapRequestLineReader request, ImapSession session) throws DecodingException {
        String name = word(request);
        if (name.isEmpty()) {
            throw bad("Missing event");
        }
        Optional<NotifySpec.EventKind> kind = NotifySpec.EventKind.parse(name);
        Optional<FetchData> fetchData = Optional.empty();
        if (kind.equals(Optional.of(NotifySpec.EventKind.MESSAGE_NEW)) && request.nextChar() == ' ') {
            spaces(request);
            if (request.nextChar() == '(') {
                request.consume();
                fetchData = Optional.of(fetchAttParser.parse(balanced(request), session));
            }
        }
        return new NotifySpec.Event(name, kind, fetchData);
    }

    /** Reads up to the parenthesis closing the one already consumed; returns what was in between. */
    private String balanced(ImapRequestLineReader request) throws DecodingException {
        StringBuilder builder = new StringBuilder();
        int depth = 1;
        boolean quoted = false;
        while (true) {
            char c = request.nextChar();
            if (c == '\r' || c == '\n') {
                throw bad("Unterminated fetch attribute list");
            }
            request.consume();
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
                if (depth == 0) {
                    if (builder.toString().isBlank()) {
                        throw bad("Empty fetch attribute list");
                    }
                    return builder.toString();
                }
            }
            builder.append(c);
        }
    }

    private String mailbox(ImapRequestLineReader request) throws DecodingException {
        char next = request.nextChar();
        if (next == '"' || next == '{') {
            return request.mailbox();
        }
        String atom = word(request);
        if (atom.isEmpty()) {
            throw bad("Missing mailbox name");
        }
        if (atom.equalsIgnoreCase(ImapConstants.INBOX_NAME)) {
            return ImapConstants.INBOX_NAME;
        }
        return ModifiedUtf7.decodeModifiedUTF7(atom);
    }

    /** An atom, stopping before space, parenthesis or end of line. */
    private static String word(ImapRequestLineReader request) throws DecodingException {
        StringBuilder builder = new StringBuilder();
        char next = request.nextChar();
        while (next != ' ' && next != '(' && next != ')' && next != '\r' && next != '\n') {
            if (next == '"' || next == '{' || next < 0x20 || next > 0x7e) {
                throw bad("Invalid character '" + next + "'");
            }
            builder.append(next);
            request.consume();
            next = request.nextChar();
        }
        return builder.toString();
    }

    private static boolean hasMore(ImapRequestLineReader request) throws DecodingException {
        if (request.nextChar() != ' ') {
            return false;
        }
        spaces(request);
        char next = request.nextChar();
        return next != '\r' && next != '\n';
    }

    private static void space(ImapRequestLineReader request) throws DecodingException {
        if (request.nextChar() != ' ') {
            throw bad("Expected a space, found '" + request.nextChar() + "'");
        }
        spaces(request);
    }

    private static void spaces(ImapRequestLineReader request) throws DecodingException {
        while (request.nextChar() == ' ') {
            request.consume();
        }
    }

    private static void expect(ImapRequestLineReader request, char expected) throws DecodingException {
        char next = request.nextChar();
        if (next != expected) {
            throw bad("Expected '" + expected + "', found '" + next + "'");
        }
        request.consume();
    }

    private static DecodingException bad(String message) {
        return new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, message);
    }

    /** Reuses James's FETCH grammar for the fetch attributes of MessageNew. */
    static class FetchAttParser extends FetchCommandParser {
        FetchAttParser(StatusResponseFactory statusResponseFactory) {
            super(statusResponseFactory);
        }

        FetchData parse(String attributes, ImapSession session) throws DecodingException {
            byte[] line = ("1 (UID " + attributes + ")\r\n").getBytes(StandardCharsets.UTF_8);
            ImapRequestStreamLineReader reader = new ImapRequestStreamLineReader(new ByteArrayInputStream(line), OutputStream.nullOutputStream());
            ImapMessage message = decode(reader, new Tag("notify"), false, session);
            if (!(message instanceof FetchRequest)) {
                throw bad("Invalid fetch attributes");
            }
            return ((FetchRequest) message).getFetch();
        }
    }
}
