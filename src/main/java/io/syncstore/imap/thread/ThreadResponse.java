package io.syncstore.imap.thread;

import java.util.List;

import org.apache.james.imap.api.message.response.ImapResponseMessage;

/** {@code * THREAD (1 (2)(3))(4)}: the threads, in the order they are answered. */
public final class ThreadResponse implements ImapResponseMessage {
    private final List<ThreadNode> threads;

    ThreadResponse(List<ThreadNode> threads) {
        this.threads = threads;
    }

    List<ThreadNode> threads() {
        return threads;
    }
}
