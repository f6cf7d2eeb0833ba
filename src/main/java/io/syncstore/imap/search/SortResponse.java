package io.syncstore.imap.search;

import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.mailbox.ModSeq;

import com.google.common.collect.ImmutableList;

/** {@code * SORT n... [(MODSEQ m)]}: message numbers or UIDs in sort order (RFC 5256 §4, RFC 7162 §3.1.5). */
public final class SortResponse implements ImapResponseMessage {
    private final List<Long> numbers;
    private final Optional<ModSeq> highestModSeq;

    SortResponse(List<Long> numbers, Optional<ModSeq> highestModSeq) {
        this.numbers = ImmutableList.copyOf(numbers);
        this.highestModSeq = highestModSeq;
    }

    /** RFC 7162 §3.1.5: with a MODSEQ key, the highest mod-sequence of the messages answered. */
    Optional<ModSeq> highestModSeq() {
        return highestModSeq;
    }

    List<Long> numbers() {
        return numbers;
    }
}
