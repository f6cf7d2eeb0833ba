package io.syncstore.imap.thread;

import io.syncstore.api.SortingFields;
import io.syncstore.api.ThreadingFields;

/** What threading reads of one message (RFC 5256 §3): its identity, what it refers to, its subject and sent date. */
final class ThreadedMessage {
    private static final String[] NONE = new String[0];

    private final long number;
    private final long sent;
    private final String subject;
    private final boolean replyOrForward;
    private final String messageId;
    private final String[] references;

    /**
     * {@code number} is what the response carries: the UID or the message sequence number; {@code sent} in epoch
     * milliseconds; {@code messageId} {@code null} when the message has none.
     */
    ThreadedMessage(long number, long sent, String subject, boolean replyOrForward, String messageId,
                    String[] references) {
        this.number = number;
        this.sent = sent;
        this.subject = subject;
        this.replyOrForward = replyOrForward;
        this.messageId = messageId;
        this.references = references;
    }

    static ThreadedMessage of(long number, SortingFields fields) {
        return new ThreadedMessage(number, fields.sent().toEpochMilli(), fields.baseSubject(), fields.replyOrForward(),
            fields.messageId().orElse(null), fields.references().toArray(NONE));
    }

    static ThreadedMessage of(long number, ThreadingFields fields, int index) {
        return new ThreadedMessage(number, fields.sent(index), fields.baseSubject(index), fields.replyOrForward(index),
            fields.messageId(index), fields.references(index));
    }

    long number() {
        return number;
    }

    /** Epoch milliseconds. */
    long sent() {
        return sent;
    }

    /** The base subject (RFC 5256 §2.1). */
    String subject() {
        return subject;
    }

    /** Whether a reply or forward marker was removed from the subject. */
    boolean replyOrForward() {
        return replyOrForward;
    }

    /** {@code null} when the message has no (valid) Message-ID. */
    String messageId() {
        return messageId;
    }

    /** The message IDs this message replies to, oldest first. */
    String[] references() {
        return references;
    }
}
