package io.syncstore.imap.search;

import java.util.Optional;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.mailbox.ModSeq;

/** {@code * SORT n... [(MODSEQ m)]}: message numbers or UIDs in sort order (RFC 5256 §4, RFC 7162 §3.1.5). */
public final class SortResponse implements ImapResponseMessage {
    private final long[] numbers;
    private final Optional<ModSeq> highestModSeq;

    SortResponse(long[] numbers, Optional<ModSeq> highestModSeq) {
        this.numbers = numbers.clone();
        this.highestModSeq = highestModSeq;
    }

    /** RFC 7162 §3.1.5: with a MODSEQ key, the highest mod-sequence of the messages answered. */
    Optional<ModSeq> highestModSeq() {
        return highestModSeq;
    }

    long[] numbers() {
        return numbers.clone();
    }
}
