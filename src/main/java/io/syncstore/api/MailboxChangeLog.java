package io.syncstore.api;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.model.ComposedMessageIdWithMetaData;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What changed in a mailbox since a modseq, answered from indexes: implemented by the {@code MessageManager}s of a
 * backend that logs expunges (SyncStore's), looked for by the IMAP package to resynchronize a client (CONDSTORE,
 * QRESYNC) in time proportional to the changes. Any other backend falls back to reading the whole mailbox.
 */
public interface MailboxChangeLog {
    /** UID, flags and modseq of the messages added, or whose flags changed, after the modseq, in UID order. */
    Flux<ComposedMessageIdWithMetaData> changedSince(ModSeq modSeq, MailboxSession session);

    /** The UIDs expunged after the modseq: complete only if the modseq is at least {@link #expungeFloor}. */
    Flux<MessageUid> expungedSince(ModSeq modSeq, MailboxSession session);

    /** The oldest modseq from which {@link #expungedSince} is complete. */
    Mono<ModSeq> expungeFloor(MailboxSession session);
}
