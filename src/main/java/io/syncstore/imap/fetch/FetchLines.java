package io.syncstore.imap.fetch;

import org.apache.james.imap.api.message.response.ImapResponseMessage;

/**
 * Untagged FETCH responses already written as bytes, one or more lines, the last without its CRLF (the encoder ends
 * it): many messages' answers go out as one response message instead of one response object each.
 */
public final class FetchLines implements ImapResponseMessage {
    private final byte[] bytes;

    FetchLines(byte[] bytes) {
        this.bytes = bytes;
    }

    byte[] bytes() {
        return bytes;
    }
}
