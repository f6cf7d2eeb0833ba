package io.syncstore.imap.search;

import org.apache.james.imap.api.message.response.ImapResponseMessage;

/** {@code * THREAD (1 (2)(3))(4)}: the threads, already written as RFC 5256 §4's thread-list. */
public final class ThreadResponse implements ImapResponseMessage {
    private final String threads;

    ThreadResponse(String threads) {
        this.threads = threads;
    }

    String threads() {
        return threads;
    }
}
