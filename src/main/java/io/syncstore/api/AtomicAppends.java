package io.syncstore.api;

import java.util.List;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;

import reactor.core.publisher.Mono;

/**
 * Stores several messages into a mailbox all or nothing (MULTIAPPEND, RFC 3502): implemented by the
 * {@code MessageManager}s of a backend that can store them in one transaction (SyncStore's), looked for by the
 * MULTIAPPEND processor. With any other backend the processor stores one message per call and deletes those stored
 * when a later one fails.
 */
public interface AtomicAppends {
    /**
     * Stores all the messages, in order, with consecutive UIDs, and announces them in one {@code Added} event once they
     * are committed; or stores none, allocates no UID and announces nothing, failing as James's {@code appendMessage}
     * fails (an {@code OverQuotaException} when the quota cannot take them all together).
     */
    Mono<List<MessageManager.AppendResult>> appendAll(List<MessageManager.AppendCommand> commands, MailboxSession session);
}
