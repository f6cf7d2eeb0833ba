package io.syncstore.imap.thread;

import java.io.IOException;

import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;

/** Writes the threads as RFC 5256 §4's thread-list. */
public class ThreadResponseEncoder implements ImapResponseEncoder<ThreadResponse> {
    @Override
    public Class<ThreadResponse> acceptableMessages() {
        return ThreadResponse.class;
    }

    @Override
    public void encode(ThreadResponse response, ImapResponseComposer composer) throws IOException {
        composer.untagged().message("THREAD");
        if (!response.threads().isEmpty()) {
            composer.message(response.threads().threadList());
        }
        composer.end();
    }
}
