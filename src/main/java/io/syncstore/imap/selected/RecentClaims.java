package io.syncstore.imap.selected;

import java.util.EnumSet;
import java.util.function.BooleanSupplier;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageManager.MailboxMetaData;

import io.syncstore.reactive.Blocking;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Clears \Recent in storage for a read-write session, which keeps \Recent for the messages whose mark it cleared
 * (RFC 3501 §2.3.2: \Recent in exactly one session). Every clear of this JVM runs on one thread, one after the other:
 * a backend whose reset is not one transaction (James's memory mailbox reads the recent messages, then updates them)
 * would otherwise let two sessions both clear the same mark.
 */
final class RecentClaims {
    private static final Scheduler ONE_AT_A_TIME = Schedulers.newBoundedElastic(1, Integer.MAX_VALUE, "syncstore-recent", 60, true);

    private RecentClaims() {
    }

    static Mono<MailboxMetaData> reset(MessageManager mailbox, MailboxSession session, EnumSet<MailboxMetaData.Item> items) {
        return resetIf(() -> true, mailbox, session, items);
    }

    /**
     * Empty when {@code needed} says no, before or when its turn comes: another session's clear was first, and this one
     * writes nothing. Asked first on the caller's thread, so that the sessions that already saw another's clear (all
     * but one of a thousand idling on a mailbox) do not queue behind it.
     */
    static Mono<MailboxMetaData> resetIf(BooleanSupplier needed, MessageManager mailbox, MailboxSession session,
                                         EnumSet<MailboxMetaData.Item> items) {
        if (!needed.getAsBoolean()) {
            return Mono.empty();
        }
        return Blocking.call(() -> needed.getAsBoolean() ? mailbox.getMetaData(MailboxMetaData.RecentMode.RESET, session, items) : null, ONE_AT_A_TIME);
    }
}
