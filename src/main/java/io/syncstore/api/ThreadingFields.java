package io.syncstore.api;

/**
 * What THREAD (RFC 5256 §3) reads of many messages, column by column: at index i the message with the i-th UID
 * (ascending), its sent date (the Date: header's instant in epoch milliseconds, else the arrival), base subject,
 * whether a reply or forward marker was removed from it, Message-ID ({@code null} when it has none) and the IDs it
 * refers to, oldest first. Columns rather than an object per message: a mailbox of 100,000 messages is threaded at
 * once (docs/search.md "THREAD").
 */
public final class ThreadingFields {
    private final long[] uids;
    private final long[] sent;
    private final String[] subjects;
    private final boolean[] replies;
    private final String[] messageIds;
    private final String[][] references;

    public ThreadingFields(long[] uids, long[] sent, String[] subjects, boolean[] replies, String[] messageIds,
                           String[][] references) {
        this.uids = uids;
        this.sent = sent;
        this.subjects = subjects;
        this.replies = replies;
        this.messageIds = messageIds;
        this.references = references;
    }

    public int size() {
        return uids.length;
    }

    public long uid(int index) {
        return uids[index];
    }

    public long sent(int index) {
        return sent[index];
    }

    public String baseSubject(int index) {
        return subjects[index];
    }

    public boolean replyOrForward(int index) {
        return replies[index];
    }

    /** {@code null} when the message has no (valid) Message-ID. */
    public String messageId(int index) {
        return messageIds[index];
    }

    public String[] references(int index) {
        return references[index];
    }
}
