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

import io.syncstore.imap.channel.Framing;

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
        boolean whole = Framing.wholeCommands(session);
        try {
            messages.add(message(request, clock, !whole));
            while (whole && request.nextWordCharLenient().isPresent()) {
                messages.add(message(request, clock, false));
            }
            if (whole) {
                request.eol();
            }
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

    /**
     * {@code [flag-list] [date-time] (literal / literal8)}, read with the clock for a message without a date. Without
     * SyncStore's framer ({@link Framing#wholeCommands}) the literal ends the command: James's framer hands a command
     * over as soon as a large literal is in, without the rest of its line, so the line end is taken with the literal.
     */
    static AppendedMessage message(ImapRequestLineReader request, Clock clock, boolean endsCommand) throws DecodingException {
        Flags flags = request.nextWordChar() == '(' ? request.flagList() : new Flags();
        LocalDateTime internalDate = request.nextWordChar() == '"' ? request.dateTime() : LocalDateTime.now(clock);
        if (request.nextWordChar() == '~') {
            request.consume();
        }
        try {
            Literal content = request.consumeLiteral(endsCommand).right;
            return new AppendedMessage(flags, Date.from(internalDate.atZone(ZoneId.systemDefault()).toInstant()), content);
        } catch (DecodingException e) {
            throw e;
        } catch (IOException e) {
            throw new DecodingException(HumanReadableText.SOCKET_IO_FAILURE, "Could not read the message", e);
        }
    }
}
