package io.syncstore.backend.mail;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import io.syncstore.backend.model.SyncStoreMailboxId;
import reactor.core.publisher.Mono;

/**
 * The mailboxes (name, UIDVALIDITY, ACL) as last read, by id and by path. James looks the selected mailbox up again,
 * with the user's rights on it, for every command of a selected mailbox, and an APPEND looks its mailbox up by path:
 * these rows change only by a rename, a deletion, an ACL change or an import's UIDVALIDITY, all written by
 * {@link SyncStoreMailboxMapper}, which forgets the mailbox after its commit and before its caller hears of it (so
 * before the event and the answer), and, for another node's writes, by the events they cause
 * ({@link KeptMailboxesListener}). The rights are still worked out from the ACL on every look-up.
 *
 * <p>A reading is kept only when no mailbox was forgotten while it ran: one started before a write's commit may hold
 * the row of before it, and must not outlive the forgetting. Callers get copies: James's code changes a mailbox it holds
 * (a rename sets the new path on it before the write).</p>
 */
public final class KeptMailboxes {
    private static final long MAX_MAILBOXES = 100_000;

    private final Cache<Long, Mailbox> byId = CacheBuilder.newBuilder().maximumSize(MAX_MAILBOXES).build();
    private final Cache<MailboxPath, Long> idByPath = CacheBuilder.newBuilder().maximumSize(MAX_MAILBOXES).build();
    private final AtomicLong forgettings = new AtomicLong();

    Mono<Mailbox> byId(long id, Mono<Mailbox> read) {
        return Mono.defer(() -> {
            Mailbox kept = byId.getIfPresent(id);
            return kept == null ? keeping(read) : Mono.just(new Mailbox(kept));
        });
    }

    /** The path's mailbox, if it is still the one kept under that id: a renamed or deleted one is forgotten. */
    Mono<Mailbox> byPath(MailboxPath path, Mono<Mailbox> read) {
        return Mono.defer(() -> {
            Long id = idByPath.getIfPresent(path);
            Mailbox kept = id == null ? null : byId.getIfPresent(id);
            return kept != null && kept.generateAssociatedPath().equals(path) ? Mono.just(new Mailbox(kept)) : keeping(read);
        });
    }

    /** Called after the commit of a write that changed the mailbox's row or ACL, or deleted it. */
    public void forget(long id) {
        forgettings.incrementAndGet();
        byId.invalidate(id);
    }

    private Mono<Mailbox> keeping(Mono<Mailbox> read) {
        long before = forgettings.get();
        return read.doOnNext(mailbox -> {
            long id = SyncStoreMailboxId.from(mailbox.getMailboxId()).value();
            byId.put(id, new Mailbox(mailbox));
            idByPath.put(mailbox.generateAssociatedPath(), id);
            if (forgettings.get() != before) {
                byId.invalidate(id);
            }
        });
    }
}
