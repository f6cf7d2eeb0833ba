package io.syncstore.imap.append;

import java.time.Clock;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.AbstractMessageRangeCommandParser;
import org.apache.james.imap.message.request.AbstractMessageRangeRequest;

import io.syncstore.imap.channel.Framing;
import io.syncstore.imap.mode.ConnectionMode;
import io.syncstore.imap.mode.EightBitHeaders;

/**
 * {@code REPLACE number mailbox [flags] [date] literal} (RFC 8508), and UID REPLACE: James dispatches {@code UID x}
 * only to parsers of its (package-private) UID parser class, which this one extends through the message-range parser.
 */
public class ReplaceCommandParser extends AbstractMessageRangeCommandParser {
    private final Clock clock;

    @Inject
    public ReplaceCommandParser(StatusResponseFactory statusResponseFactory, Clock clock) {
        super(ReplaceRequest.REPLACE, statusResponseFactory);
        this.clock = clock;
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, boolean useUids, ImapSession session) throws DecodingException {
        long replaced = request.nzNumber();
        String mailboxName = request.mailbox();
        boolean whole = Framing.wholeCommands(session);
        AppendedMessage message = MultiAppendCommandParser.message(request, clock, !whole, ConnectionMode.utf8(session));
        if (whole) {
            request.eol();
        }
        if (MultiAppendCommandParser.refusesHeaders(List.of(message), session)) {
            MultiAppendCommandParser.release(List.of(message));
            return taggedNo(tag, getCommand(), EightBitHeaders.REFUSED, null);
        }
        return new ReplaceRequest(tag, replaced, useUids, mailboxName, message);
    }

    @Override
    protected AbstractMessageRangeRequest createRequest(Tag tag, boolean useUids, IdRange[] idSet, String mailboxName) {
        throw new UnsupportedOperationException("REPLACE carries a message: decoded by decode() alone");
    }
}
