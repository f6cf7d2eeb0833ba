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
import org.apache.james.imap.message.request.AppendRequest;

/**
 * APPEND with one or more messages (MULTIAPPEND, RFC 3502), each a literal or a literal8 ({@code ~{n}}, BINARY,
 * RFC 3516 §4.4, NUL octets allowed), or put together from the parts of a {@code CATENATE} (RFC 4469). One message
 * sent whole is James's {@link AppendRequest}, run by James's processor as before; several, or a CATENATE, are a
 * {@link MultiAppendRequest}.
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
        try {
            do {
                messages.add(message(request, clock));
            } while (request.nextWordCharLenient().isPresent());
            request.eol();
        } catch (DecodingException e) {
            try {
                AppendedMessage.release(messages);
            } catch (IOException ignored) {
                // the command is answered BAD whatever becomes of its file
            }
            throw e;
        }
        if (messages.size() == 1 && !messages.get(0).isCatenation()) {
            AppendedMessage only = messages.get(0);
            return new AppendRequest(mailboxName, only.flags(), only.internalDate(), only.content(), tag);
        }
        return new MultiAppendRequest(tag, mailboxName, messages);
    }

    /**
     * {@code [flag-list] [date-time] (literal / literal8 / CATENATE (parts))}, read with the clock for a message
     * without a date.
     */
    static AppendedMessage message(ImapRequestLineReader request, Clock clock) throws DecodingException {
        Flags flags = request.nextWordChar() == '(' ? request.flagList() : new Flags();
        LocalDateTime internalDate = request.nextWordChar() == '"' ? request.dateTime() : LocalDateTime.now(clock);
        Date date = Date.from(internalDate.atZone(ZoneId.systemDefault()).toInstant());
        if (Character.toUpperCase(request.nextWordChar()) == 'C') {
            return new AppendedMessage(flags, date, catenation(request));
        }
        return new AppendedMessage(flags, date, literal(request));
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
                parts.add(CatenatePart.text(literal(request), binary));
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

    /** A literal or a literal8; the line end after the last one is read by eol(), not by the literal. */
    private static Literal literal(ImapRequestLineReader request) throws DecodingException {
        if (request.nextWordChar() == '~') {
            request.consume();
        }
        if (request.nextWordChar() != '{') {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Expected a literal");
        }
        try {
            return request.consumeLiteral(false).right;
        } catch (DecodingException e) {
            throw e;
        } catch (IOException e) {
            throw new DecodingException(HumanReadableText.SOCKET_IO_FAILURE, "Could not read the message", e);
        }
    }
}
