package io.syncstore.imap.thread;

import org.apache.james.imap.api.message.response.ImapResponseMessage;

/** {@code * THREAD (1 (2)(3))(4)}: the threads, in the order they are answered. */
public final class ThreadResponse implements ImapResponseMessage {
    private final ThreadForest threads;

    ThreadResponse(ThreadForest threads) {
        this.threads = threads;
    }

    ThreadForest threads() {
        return threads;
    }
}
