package io.syncstore.imap.search;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.james.mailbox.ModSeq;

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

    /** The highest mod-sequence of these messages, when the search asked for one and found any. */
    Optional<ModSeq> highestModSeq(List<M> answered, Function<M, ModSeq> modSeq) {
        if (!modSeqAsked) {
            return Optional.empty();
        }
        return answered.stream().map(modSeq).max(ModSeq::compareTo);
    }
}
