package io.syncstore.imap.append;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

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
 * RFC 3516 §4.4, NUL octets allowed). One message is James's {@link AppendRequest}, run by James's processor as
 * before; several are a {@link MultiAppendRequest}.
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
        if (messages.size() == 1) {
            AppendedMessage only = messages.get(0);
            return new AppendRequest(mailboxName, only.flags(), only.internalDate(), only.content(), tag);
        }
        return new MultiAppendRequest(tag, mailboxName, messages);
    }

    /** {@code [flag-list] [date-time] (literal / literal8)}, read with the clock for a message without a date. */
    static AppendedMessage message(ImapRequestLineReader request, Clock clock) throws DecodingException {
        Flags flags = request.nextWordChar() == '(' ? request.flagList() : new Flags();
        LocalDateTime internalDate = request.nextWordChar() == '"' ? request.dateTime() : LocalDateTime.now(clock);
        if (request.nextWordChar() == '~') {
            request.consume();
        }
        try {
            // the line end after the last literal is read by eol(), not by the literal
            Literal content = request.consumeLiteral(false).right;
            return new AppendedMessage(flags, Date.from(internalDate.atZone(ZoneId.systemDefault()).toInstant()), content);
        } catch (DecodingException e) {
            throw e;
        } catch (IOException e) {
            throw new DecodingException(HumanReadableText.SOCKET_IO_FAILURE, "Could not read the message", e);
        }
    }
}
