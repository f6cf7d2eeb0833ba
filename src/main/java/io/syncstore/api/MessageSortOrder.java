package io.syncstore.api;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Optional;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;

import reactor.core.publisher.Mono;

/**
 * Messages of a mailbox in the order of one SORT key (RFC 5256 §3, RFC 5957 §3), ordered by the backend that keeps
 * their {@link SortingFields}, so that SORT of one key neither reads those fields nor sorts them itself.
 */
public interface MessageSortOrder {
    /** The keys, as {@link SortingFields} holds them. */
    enum Key { ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO, DISPLAYFROM, DISPLAYTO }

    /**
     * Those of these messages that the mailbox holds, by UID with their mod-sequence, in the key's order (descending
     * when {@code reverse}), exact ties in ascending UID order; empty when this backend cannot order them all (a
     * mailbox of another backend, a message whose fields are not stored yet).
     */
    Mono<Optional<LinkedHashMap<MessageUid, ModSeq>>> order(MessageManager mailbox, Collection<MessageUid> uids, Key key,
                                                           boolean reverse, MailboxSession session);
}
