package io.syncstore.imap.list;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.ModifiedUtf7;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.LsubCommandParser;
import org.apache.james.imap.message.request.LsubRequest;

import io.syncstore.imap.mode.ConnectionMode;

/**
 * LSUB read as LIST is ({@link MultiPatternListCommandParser}): a reference or pattern that is not modified UTF-7
 * (RFC 3501 §5.1.3) matches no mailbox and is answered OK with nothing, as Dovecot answers it; James's LSUB
 * processor decodes the reference and the pattern from modified UTF-7 again, so both are handed to it encoded.
 */
public class SubscriptionListCommandParser extends LsubCommandParser {
    @Inject
    public SubscriptionListCommandParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, boolean useUids, ImapSession session) throws DecodingException {
        ImapRequestLineReader reader = ModifiedUtf7CheckingReader.of(request, session);
        ImapMessage message = super.decode(reader, tag, useUids, session);
        if (ModifiedUtf7CheckingReader.readInvalidName(reader)) {
            return new MultiPatternListRequest(tag, ImapConstants.LSUB_COMMAND, List.of());
        }
        if (!(message instanceof LsubRequest)) {
            return message;
        }
        LsubRequest lsub = (LsubRequest) message;
        String pattern = ConnectionMode.utf8(session) ? ModifiedUtf7.encodeModifiedUTF7(lsub.getMailboxPattern()) : lsub.getMailboxPattern();
        if (!ModifiedUtf7Names.valid(pattern)) {
            return new MultiPatternListRequest(tag, ImapConstants.LSUB_COMMAND, List.of());
        }
        return new LsubRequest(ModifiedUtf7.encodeModifiedUTF7(lsub.getBaseReferenceName()), pattern, tag);
    }
}
