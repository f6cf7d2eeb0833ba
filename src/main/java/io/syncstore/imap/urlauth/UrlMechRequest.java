package io.syncstore.imap.urlauth;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.message.request.AbstractImapRequest;

/** {@code URLMECH} (RFC 4467 §6.4): which URLAUTH mechanisms the server signs with. */
public class UrlMechRequest extends AbstractImapRequest {
    static final ImapCommand URLMECH = ImapCommand.authenticatedStateCommand("URLMECH");

    UrlMechRequest(Tag tag) {
        super(tag, URLMECH);
    }
}
