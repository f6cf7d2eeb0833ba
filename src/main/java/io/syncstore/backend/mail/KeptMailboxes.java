package io.syncstore.backend.mail;

import java.time.Duration;

import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import io.syncstore.backend.db.Forgettings;
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
 *
 * <p>A reading is kept for {@link #KEPT_FOR} at most after it was read: that bounds how long another node's change
 * can go unseen here whatever happens to its event (the broker down when it was published, an expired queue, a
 * write that failed after its commit, so sent none), and it covers the import's UIDVALIDITY adoption, which causes no
 * event. At most {@link #MAX_MAILBOXES} are kept (a mailbox with its ACL takes about 0.5 to 1 KB).</p>
 */
public final class KeptMailboxes {
    static final Duration KEPT_FOR = Duration.ofSeconds(5);
    static final long MAX_MAILBOXES = 10_000;

    private final Cache<Long, Mailbox> byId;
    private final Cache<MailboxPath, Long> idByPath;
    private final Forgettings forgettings = new Forgettings();

    KeptMailboxes() {
        this(KEPT_FOR);
    }

    /** Keeping each reading for {@code keptFor} at most. */
    KeptMailboxes(Duration keptFor) {
        this.byId = CacheBuilder.newBuilder().maximumSize(MAX_MAILBOXES).expireAfterWrite(keptFor).build();
        this.idByPath = CacheBuilder.newBuilder().maximumSize(MAX_MAILBOXES).expireAfterWrite(keptFor).build();
    }

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
        forgettings.forget(() -> byId.invalidate(id));
    }

    /** A reading is kept only if no mailbox was forgotten since it began ({@link Forgettings}). */
    private Mono<Mailbox> keeping(Mono<Mailbox> read) {
        long mark = forgettings.mark();
        return read.doOnNext(mailbox -> {
            long id = SyncStoreMailboxId.from(mailbox.getMailboxId()).value();
            forgettings.keepIfNothingForgottenSince(mark, () -> {
                byId.put(id, new Mailbox(mailbox));
                idByPath.put(mailbox.generateAssociatedPath(), id);
            });
        });
    }
}
