package io.syncstore.api;

import java.util.Map;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MessageRange;

import reactor.core.publisher.Mono;

/**
 * Per-message data computed once when each message was stored (its MIME tree without bodies and its preview, in the
 * format of {@code io.syncstore.mime.MessageSummary}): implemented by the {@code MessageManager}s of a backend that
 * keeps it (SyncStore's), looked for by the FETCH engine to answer ENVELOPE, BODY, BODYSTRUCTURE and PREVIEW without
 * reading the messages. With any other backend the engine parses each message it reads.
 */
public interface MessageSummaries {
    /** The summaries of the messages of the range, by UID; a message stored without one may be left out. */
    Mono<Map<MessageUid, byte[]>> summaries(MessageRange range, MailboxSession session);
}
