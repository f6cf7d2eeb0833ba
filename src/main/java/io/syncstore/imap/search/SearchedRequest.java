package io.syncstore.imap.search;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.message.request.AbstractImapRequest;

/** A command that answers about the messages a search key finds (SORT, THREAD), by sequence number or UID. */
public abstract class SearchedRequest extends AbstractImapRequest {
    private final SearchKey searchKey;
    private final boolean useUids;

    protected SearchedRequest(Tag tag, ImapCommand command, SearchKey searchKey, boolean useUids) {
        super(tag, command);
        this.searchKey = searchKey;
        this.useUids = useUids;
    }

    public SearchKey searchKey() {
        return searchKey;
    }

    public boolean useUids() {
        return useUids;
    }
}
