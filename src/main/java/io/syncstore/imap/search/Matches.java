package io.syncstore.imap.search;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import com.google.common.collect.ImmutableList;

/** What a search found: the messages, and whether its keys held MODSEQ (RFC 7162 §3.1.5: the answer then carries one). */
public final class Matches<M> {
    private final List<M> messages;
    private final boolean modSeqAsked;

    Matches(List<M> messages, boolean modSeqAsked) {
        this.messages = ImmutableList.copyOf(messages);
        this.modSeqAsked = modSeqAsked;
    }

    /** In mailbox order, unless {@link #sorted}. */
    public List<M> messages() {
        return messages;
    }

    /** The same, in this order. */
    Matches<M> sorted(Comparator<M> order) {
        return new Matches<>(messages.stream().sorted(order).collect(Collectors.toList()), modSeqAsked);
    }

    /** Whether the search keys held MODSEQ: the answer then carries the highest mod-sequence of those it names. */
    boolean modSeqAsked() {
        return modSeqAsked;
    }
}
