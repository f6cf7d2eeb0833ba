package io.syncstore.imap.urlauth;

import java.util.List;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.message.request.AbstractImapRequest;

/** {@code URLFETCH url …} (RFC 4467 §6.3). */
public class UrlFetchRequest extends AbstractImapRequest {
    static final ImapCommand URLFETCH = ImapCommand.authenticatedStateCommand("URLFETCH");

    private final List<String> urls;

    UrlFetchRequest(Tag tag, List<String> urls) {
        super(tag, URLFETCH);
        this.urls = List.copyOf(urls);
    }

    List<String> urls() {
        return urls;
    }
}
