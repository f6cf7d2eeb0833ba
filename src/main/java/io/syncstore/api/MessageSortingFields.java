package io.syncstore.api;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;

import reactor.core.publisher.Mono;

/**
 * The {@link SortingFields} of messages, computed once when each was stored: implemented by the
 * {@code MessageManager}s of a backend that keeps them (SyncStore's), looked for by SORT and THREAD to order messages
 * without reading their headers. With any other backend they read each message's header.
 */
public interface MessageSortingFields {
    /** The fields of these messages, by UID, in one read; a message expunged or stored without them is left out. */
    Mono<Map<MessageUid, SortingFields>> sortingFields(Collection<MessageUid> uids, MailboxSession session);

    /**
     * What THREAD reads of those of these messages ({@code uids} ascending) that the mailbox holds, in one read; empty
     * when one of them has no stored fields yet (the caller then reads {@link #sortingFields}).
     */
    Mono<Optional<ThreadingFields>> threadingFields(long[] uids, MailboxSession session);
}
