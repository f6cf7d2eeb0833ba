package io.syncstore.imap.search;

import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.message.response.ESearchResponse;

/**
 * An ESEARCH answer with a PARTIAL item (RFC 9394 §3.1): the MIN, MAX, COUNT and MODSEQ items of {@code items}, and
 * the messages of the requested range (in sort order for SORT, RFC 5267 §3.2).
 */
public final class PartialSearchResponse implements ImapResponseMessage {
    private final ESearchResponse items;
    private final PartialRange range;
    private final IdRange[] partial;

    PartialSearchResponse(ESearchResponse items, PartialRange range, IdRange[] partial) {
        this.items = items;
        this.range = range;
        this.partial = partial.clone();
    }

    ESearchResponse items() {
        return items;
    }

    PartialRange range() {
        return range;
    }

    /** Empty when no message falls in the range. */
    IdRange[] partial() {
        return partial.clone();
    }
}
