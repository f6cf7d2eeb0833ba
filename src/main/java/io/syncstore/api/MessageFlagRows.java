package io.syncstore.api;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MessageRange;

import reactor.core.publisher.Mono;

/**
 * The UID, modseq and flags of a range of messages as plain columns, in one read: implemented by the
 * {@code MessageManager}s of a backend that can answer it (SyncStore's), looked for by the FETCH engine when a FETCH
 * asks only for FLAGS, UID and MODSEQ, so that it answers without a James object per message.
 */
public interface MessageFlagRows {
    /** The messages of the range, ascending by UID; their modseqs 0 unless {@code withModSeq}. */
    Mono<FlagRows> flagRows(MessageRange range, boolean withModSeq, MailboxSession session);
}
