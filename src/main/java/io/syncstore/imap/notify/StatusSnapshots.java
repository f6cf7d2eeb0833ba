package io.syncstore.imap.notify;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.apache.james.mailbox.MessageManager.MailboxMetaData;
import org.apache.james.mailbox.model.MailboxId;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import reactor.core.publisher.Mono;

/**
 * One read of a mailbox's counters for every connection that reports the same change as STATUS: each event on a
 * mailbox drops its snapshot before the event is routed, and a snapshot is read only once a connection asks for it,
 * so every connection gets values at least as recent as the change it reports. Kept for a few seconds at most.
 */
final class StatusSnapshots {
    private final Cache<MailboxId, Mono<MailboxMetaData>> snapshots = CacheBuilder.newBuilder()
        .expireAfterWrite(Duration.ofSeconds(5))
        .maximumSize(10_000)
        .build();

    void changed(MailboxId mailboxId) {
        snapshots.invalidate(mailboxId);
    }

    Mono<MailboxMetaData> metaData(MailboxId mailboxId, Supplier<Mono<MailboxMetaData>> read) {
        try {
            return snapshots.get(mailboxId, () -> read.get()
                .doOnError(e -> snapshots.invalidate(mailboxId))
                .cache());
        } catch (ExecutionException e) {
            return Mono.error(e.getCause());
        }
    }
}
