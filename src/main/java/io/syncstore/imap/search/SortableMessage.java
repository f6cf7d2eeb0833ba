package io.syncstore.imap.search;

import io.syncstore.api.SortingFields;

/** What SORT compares of one message (RFC 5256 §3, RFC 5957 §3), with the number its answer carries. */
final class SortableMessage {
    private final long number;
    private final SortingFields fields;

    /** {@code number} is what the response carries: the UID or the message sequence number. */
    SortableMessage(long number, SortingFields fields) {
        this.number = number;
        this.fields = fields;
    }

    long number() {
        return number;
    }

    SortingFields fields() {
        return fields;
    }
}
