package io.syncstore.imap.fetch;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.ImapResponseMessage;

/**
 * {@code tag NO [UNKNOWN-CTE] ...} (RFC 3516 §4.3); James can only make response codes it knows or prefixed with X.
 */
public final class UnknownTransferEncodingResponse implements ImapResponseMessage {
    private final Tag tag;
    private final ImapCommand command;

    UnknownTransferEncodingResponse(Tag tag, ImapCommand command) {
        this.tag = tag;
        this.command = command;
    }

    Tag tag() {
        return tag;
    }

    ImapCommand command() {
        return command;
    }
}
