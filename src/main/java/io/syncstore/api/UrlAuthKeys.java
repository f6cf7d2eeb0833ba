package io.syncstore.api;

import org.apache.james.core.Username;
import org.apache.james.mailbox.model.MailboxId;

import reactor.core.publisher.Mono;

/**
 * The mailbox access keys of URLAUTH (RFC 4467 §3): one secret per user and mailbox, kept by a backend that stores
 * them durably (SyncStore's), bound in Guice when there is one. The IMAP package signs and checks URLs with them and
 * offers URLAUTH only when a binding exists.
 */
public interface UrlAuthKeys {
    /** The user's key for the mailbox, a new random one (at least 128 bits) made and kept if it had none. */
    Mono<byte[]> key(Username user, MailboxId mailbox);

    /** The user's key for the mailbox, empty if none was made since the last reset. */
    Mono<byte[]> existingKey(Username user, MailboxId mailbox);

    /** Forgets the user's key for the mailbox: every URL signed with it stops working. */
    Mono<Void> reset(Username user, MailboxId mailbox);

    /** Forgets all of the user's keys. */
    Mono<Void> resetAll(Username user);
}
