package io.syncstore.api;

import org.apache.james.mailbox.MailboxSession;

import reactor.core.publisher.Mono;

/**
 * The UIDs of a mailbox as runs of consecutive values, read in one go: implemented by the {@code MessageManager}s of a
 * backend that can answer it without materialising one object per message (SyncStore's); the IMAP package selects a
 * mailbox with it. Any other backend falls back to listing every UID.
 */
public interface MailboxUidRanges {
    /** {@code [first0, last0, first1, last1, ...]}: ascending, disjoint, not adjacent. */
    Mono<long[]> uidRanges(MailboxSession session);
}
