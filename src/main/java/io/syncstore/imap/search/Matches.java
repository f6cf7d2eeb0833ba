package io.syncstore.imap.search;

import java.util.List;
import java.util.Optional;

import org.apache.james.mailbox.ModSeq;

import com.google.common.collect.ImmutableList;

/** What a search found: the messages, and whether its keys held MODSEQ (RFC 7162 §3.1.5: the answer then carries one). */
final class Matches {
    private final List<SortableMessage> messages;
    private final boolean modSeqAsked;

    Matches(List<SortableMessage> messages, boolean modSeqAsked) {
        this.messages = ImmutableList.copyOf(messages);
        this.modSeqAsked = modSeqAsked;
    }

    List<SortableMessage> messages() {
        return messages;
    }

    /** The highest mod-sequence of these messages, when the search asked for one and found any. */
    Optional<ModSeq> highestModSeq(List<SortableMessage> answered) {
        if (!modSeqAsked) {
            return Optional.empty();
        }
        return answered.stream().map(SortableMessage::modSeq).max(ModSeq::compareTo);
    }
}
