package io.syncstore.imap.urlauth;

import java.util.List;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.message.request.AbstractImapRequest;

/** {@code GENURLAUTH url-rump mechanism …} (RFC 4467 §6.1): URLs to sign, each with its mechanism. */
public class GenUrlAuthRequest extends AbstractImapRequest {
    static final ImapCommand GENURLAUTH = ImapCommand.authenticatedStateCommand("GENURLAUTH");

    private final List<String> rumps;
    private final List<String> mechanisms;

    GenUrlAuthRequest(Tag tag, List<String> rumps, List<String> mechanisms) {
        super(tag, GENURLAUTH);
        this.rumps = List.copyOf(rumps);
        this.mechanisms = List.copyOf(mechanisms);
    }

    List<String> rumps() {
        return rumps;
    }

    List<String> mechanisms() {
        return mechanisms;
    }
}
