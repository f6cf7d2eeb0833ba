package io.syncstore.imap.search;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.message.request.AbstractImapRequest;

/** {@code [UID] THREAD ORDEREDSUBJECT charset search-key...} (RFC 5256 §4). */
public final class ThreadRequest extends AbstractImapRequest {
    static final ImapCommand COMMAND = ImapCommand.selectedStateCommand("THREAD");

    private final SearchKey searchKey;
    private final boolean useUids;

    ThreadRequest(Tag tag, SearchKey searchKey, boolean useUids) {
        super(tag, COMMAND);
        this.searchKey = searchKey;
        this.useUids = useUids;
    }

    SearchKey searchKey() {
        return searchKey;
    }

    boolean useUids() {
        return useUids;
    }
}
