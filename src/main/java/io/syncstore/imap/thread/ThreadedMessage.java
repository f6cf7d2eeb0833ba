package io.syncstore.imap.thread;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.syncstore.api.SortingFields;

/** What threading reads of one message (RFC 5256 §3): its identity, what it refers to, its subject and sent date. */
final class ThreadedMessage {
    private final long number;
    private final SortingFields fields;

    /** {@code number} is what the response carries: the UID or the message sequence number. */
    ThreadedMessage(long number, SortingFields fields) {
        this.number = number;
        this.fields = fields;
    }

    long number() {
        return number;
    }

    Instant sent() {
        return fields.sent();
    }

    /** The base subject (RFC 5256 §2.1). */
    String subject() {
        return fields.baseSubject();
    }

    /** Whether a reply or forward marker was removed from the subject. */
    boolean replyOrForward() {
        return fields.replyOrForward();
    }

    Optional<String> messageId() {
        return fields.messageId();
    }

    /** The message IDs this message replies to, oldest first. */
    List<String> references() {
        return fields.references();
    }
}
