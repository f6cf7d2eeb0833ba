package io.syncstore.imap.thread;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.request.SearchKey;

import io.syncstore.imap.search.SearchedRequest;

/** {@code [UID] THREAD algorithm charset search-key...} (RFC 5256 §4). */
public final class ThreadRequest extends SearchedRequest {
    static final ImapCommand COMMAND = ImapCommand.selectedStateCommand("THREAD");

    private final ThreadAlgorithm algorithm;

    ThreadRequest(Tag tag, ThreadAlgorithm algorithm, SearchKey searchKey, boolean useUids) {
        super(tag, COMMAND, searchKey, useUids);
        this.algorithm = algorithm;
    }

    ThreadAlgorithm algorithm() {
        return algorithm;
    }
}
