package io.syncstore.imap.urlauth;

import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.message.request.AbstractImapRequest;

/** {@code RESETKEY [mailbox [mechanism …]]} (RFC 4467 §6.2): without a mailbox, every mailbox of the user. */
public class ResetKeyRequest extends AbstractImapRequest {
    static final ImapCommand RESETKEY = ImapCommand.authenticatedStateCommand("RESETKEY");

    private final Optional<String> mailbox;
    private final List<String> mechanisms;

    ResetKeyRequest(Tag tag, Optional<String> mailbox, List<String> mechanisms) {
        super(tag, RESETKEY);
        this.mailbox = mailbox;
        this.mechanisms = List.copyOf(mechanisms);
    }

    Optional<String> mailbox() {
        return mailbox;
    }

    List<String> mechanisms() {
        return mechanisms;
    }
}
