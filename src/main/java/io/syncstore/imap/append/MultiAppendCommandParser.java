package io.syncstore.imap.append;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.base.AbstractImapCommandParser;
import org.apache.james.imap.message.Literal;

import io.syncstore.imap.channel.Framing;
import io.syncstore.imap.mode.ConnectionMode;
import io.syncstore.imap.mode.EightBitHeaders;

/**
 * APPEND with one or more messages (MULTIAPPEND, RFC 3502), each a literal or a literal8 ({@code ~{n}}, BINARY,
 * RFC 3516 §4.4, NUL octets allowed), or put together from the parts of a {@code CATENATE} (RFC 4469): a
 * {@link MultiAppendRequest} however many messages it has, so that one processor decides what an APPEND stores.
 */
public class MultiAppendCommandParser extends AbstractImapCommandParser {
    private final Clock clock;

    @Inject
    public MultiAppendCommandParser(StatusResponseFactory statusResponseFactory, Clock clock) {
        super(ImapConstants.APPEND_COMMAND, statusResponseFactory);
        this.clock = clock;
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, ImapSession session) throws DecodingException {
        String mailboxName = request.mailbox();
        List<AppendedMessage> messages = new ArrayList<>();
        boolean whole = Framing.wholeCommands(session);
        boolean utf8 = ConnectionMode.utf8(session);
        try {
            messages.add(message(request, clock, !whole, utf8));
            while (whole && request.nextWordCharLenient().isPresent()) {
                messages.add(message(request, clock, false, utf8));
            }
            if (whole) {
                request.eol();
            }
        } catch (DecodingException e) {
            release(messages);
            throw e;
        }
        if (refusesHeaders(messages, session)) {
            release(messages);
            return taggedNo(tag, getCommand(), EightBitHeaders.REFUSED, null);
        }
        return new MultiAppendRequest(tag, mailboxName, messages);
    }

    static boolean refusesHeaders(List<AppendedMessage> messages, ImapSession session) throws DecodingException {
        try {
            for (AppendedMessage message : messages) {
                if (!message.isCatenation() && EightBitHeaders.refused(message.content(), session)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new DecodingException(HumanReadableText.SOCKET_IO_FAILURE, "Could not read the message", e);
        }
    }

    static void release(List<AppendedMessage> messages) {
        try {
            AppendedMessage.release(messages);
        } catch (IOException ignored) {
            // the command is answered whatever becomes of its file
        }
    }

    /**
     * {@code [flag-list] [date-time] (literal / literal8 / CATENATE (parts))}, read with the clock for a message
     * without a date. Without SyncStore's framer ({@link Framing#wholeCommands}) the literal ends the command: James's
     * framer hands a command over as soon as a large literal is in, without the rest of its line, so the line end is
     * taken with the literal. {@code UTF8 (literal8)} (RFC 6855 §4) only from a connection that enabled UTF8=ACCEPT.
     */
    static AppendedMessage message(ImapRequestLineReader request, Clock clock, boolean endsCommand, boolean utf8Accepted) throws DecodingException {
        Flags flags = request.nextWordChar() == '(' ? request.flagList() : new Flags();
        LocalDateTime internalDate = request.nextWordChar() == '"' ? request.dateTime() : LocalDateTime.now(clock);
        Date date = Date.from(internalDate.atZone(ZoneId.systemDefault()).toInstant());
        char next = Character.toUpperCase(request.nextWordChar());
        if (next == 'C') {
            return new AppendedMessage(flags, date, catenation(request));
        }
        if (next == 'U') {
            return new AppendedMessage(flags, date, utf8Literal(request, utf8Accepted));
        }
        return new AppendedMessage(flags, date, literal(request, endsCommand));
    }

    /** {@code "UTF8" SP "(" literal8 ")"}: a message whose header may hold UTF-8 (RFC 6532), stored as it comes. */
    private static Literal utf8Literal(ImapRequestLineReader request, boolean utf8Accepted) throws DecodingException {
        expect(request, "UTF8");
        if (!utf8Accepted) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "APPEND UTF8 needs ENABLE UTF8=ACCEPT (RFC 6855 section 4)");
        }
        request.nextWordChar();
        request.consumeChar('(');
        if (request.nextWordChar() != '~') {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "APPEND UTF8 takes a literal8");
        }
        // UTF8=ACCEPT is offered with SyncStore's framer only, so the command's line goes on after the literal
        Literal literal = literal(request, false);
        request.consumeChar(')');
        return literal;
    }

    /** {@code CATENATE SP "(" cat-part *(SP cat-part) ")"}, a part being {@code TEXT literal} or {@code URL astring}. */
    private static List<CatenatePart> catenation(ImapRequestLineReader request) throws DecodingException {
        expect(request, "CATENATE");
        request.nextWordChar();
        request.consumeChar('(');
        List<CatenatePart> parts = new ArrayList<>();
        do {
            String kind = request.atom().toUpperCase(Locale.US);
            if (kind.equals("TEXT")) {
                boolean binary = request.nextWordChar() == '~';
                parts.add(CatenatePart.text(literal(request, false), binary));
            } else if (kind.equals("URL")) {
                parts.add(CatenatePart.url(url(request)));
            } else {
                throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "CATENATE takes TEXT and URL parts");
            }
        } while (request.nextWordChar() != ')');
        request.consumeChar(')');
        return parts;
    }

    private static String url(ImapRequestLineReader request) throws DecodingException {
        String url = request.astring();
        if (url.isEmpty()) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "CATENATE URL needs a URL");
        }
        return url;
    }

    private static void expect(ImapRequestLineReader request, String word) throws DecodingException {
        if (!request.atom().equalsIgnoreCase(word)) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Expected " + word);
        }
    }

    /** A literal or a literal8, with the line end after it when it ends the command. */
    private static Literal literal(ImapRequestLineReader request, boolean endsCommand) throws DecodingException {
        if (request.nextWordChar() == '~') {
            request.consume();
        }
        if (request.nextWordChar() != '{') {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Expected a literal");
        }
        try {
            return request.consumeLiteral(endsCommand).right;
        } catch (DecodingException e) {
            throw e;
        } catch (IOException e) {
            throw new DecodingException(HumanReadableText.SOCKET_IO_FAILURE, "Could not read the message", e);
        }
    }
}
