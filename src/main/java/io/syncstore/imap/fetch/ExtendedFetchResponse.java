package io.syncstore.imap.fetch;

import java.util.List;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.message.response.FetchResponse;

/**
 * A FETCH response with items beyond James's {@link FetchResponse} (BINARY as literal8, BINARY.SIZE, PREVIEW). Only
 * sent when the command asked for them, so that every other FETCH stays a {@link FetchResponse} for the session
 * layer that reads it.
 */
public final class ExtendedFetchResponse implements ImapResponseMessage {
    private final FetchResponse base;
    private final List<ExtraItem> extras;

    ExtendedFetchResponse(FetchResponse base, List<ExtraItem> extras) {
        this.base = base;
        this.extras = List.copyOf(extras);
    }

    FetchResponse base() {
        return base;
    }

    List<ExtraItem> extras() {
        return extras;
    }
}
