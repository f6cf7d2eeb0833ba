package io.syncstore.imap.search;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.request.SearchKey;

/** {@code [UID] THREAD ORDEREDSUBJECT charset search-key...} (RFC 5256 §4). */
public final class ThreadRequest extends SearchedRequest {
    static final ImapCommand COMMAND = ImapCommand.selectedStateCommand("THREAD");

    ThreadRequest(Tag tag, SearchKey searchKey, boolean useUids) {
        super(tag, COMMAND, searchKey, useUids);
    }
}
