package io.syncstore.api;

import java.util.Arrays;

/**
 * What THREAD (RFC 5256 §3) reads of many messages, column by column: at index i the message with the i-th UID
 * (ascending), its sent date (the Date: header's instant in epoch milliseconds, else the arrival), base subject,
 * whether a reply or forward marker was removed from it, Message-ID (none when it has no valid one) and the IDs it
 * refers to, oldest first. Subjects and IDs are numbered (the same text the same number; subject 0 is the empty one):
 * threading compares them only for equality, and a mailbox of 100,000 messages is threaded at once without an object
 * per message or ID (docs/search.md "THREAD").
 */
public final class ThreadingFields {
    /** The number of a message without a Message-ID. */
    public static final int NO_ID = -1;
    /** The number of the empty base subject. */
    public static final int EMPTY_SUBJECT = 0;

    private final long[] uids;
    private final long[] sent;
    private final boolean[] replies;
    private final int[] subjects;
    private final int[] messageIds;
    private final int[] referenceStarts;
    private final int[] referenceEnds;
    private int[] references;
    private final TextNumbers subjectTexts;
    private final TextNumbers ids;
    /** The rows kept: the first of the arrays' rows once built. */
    private int size;

    private ThreadingFields(int capacity) {
        uids = new long[capacity];
        sent = new long[capacity];
        replies = new boolean[capacity];
        subjects = new int[capacity];
        messageIds = new int[capacity];
        referenceStarts = new int[capacity];
        referenceEnds = new int[capacity];
        references = new int[Math.max(16, capacity)];
        subjectTexts = new TextNumbers(Math.max(16, capacity / 8));
        subjectTexts.number("", 0, 0);
        ids = new TextNumbers(capacity * 2);
    }

    /** Rows for at most {@code capacity} messages, set at their positions in any order. */
    public static Builder builder(int capacity) {
        return new Builder(capacity);
    }

    public int size() {
        return size;
    }

    public long uid(int index) {
        return uids[index];
    }

    public long sent(int index) {
        return sent[index];
    }

    public boolean replyOrForward(int index) {
        return replies[index];
    }

    /** The base subject's number, {@link #EMPTY_SUBJECT} for the empty one. */
    public int subjectNumber(int index) {
        return subjects[index];
    }

    public String baseSubject(int index) {
        return subjectTexts.text(subjects[index]);
    }

    /** The Message-ID's number, {@link #NO_ID} when the message has none. */
    public int messageIdNumber(int index) {
        return messageIds[index];
    }

    /** {@code null} when the message has no (valid) Message-ID. */
    public String messageId(int index) {
        return messageIds[index] == NO_ID ? null : ids.text(messageIds[index]);
    }

    /** The numbers any Message-ID or reference has: 0 to this, excluded. */
    public int idCount() {
        return ids.count();
    }

    /** The numbers any base subject has: 0 to this, excluded. */
    public int subjectCount() {
        return subjectTexts.count();
    }

    public int referenceCount(int index) {
        return referenceEnds[index] - referenceStarts[index];
    }

    /** The number of the {@code which}-th ID the message refers to, oldest first. */
    public int referenceNumber(int index, int which) {
        return references[referenceStarts[index] + which];
    }

    public String[] references(int index) {
        String[] texts = new String[referenceCount(index)];
        for (int which = 0; which < texts.length; which++) {
            texts[which] = ids.text(referenceNumber(index, which));
        }
        return texts;
    }

    /**
     * Collects the rows: {@link #message} starts one at its position, the texts that follow are that message's. Texts
     * are spans of a {@link CharSequence}, numbered as they come and not copied.
     */
    public static final class Builder {
        private final ThreadingFields fields;
        private final boolean[] held;
        private int referenceCount;
        private int at = -1;

        private Builder(int capacity) {
            fields = new ThreadingFields(capacity);
            held = new boolean[capacity];
        }

        /** The message at position {@code at} (0 to capacity), without Message-ID or references until given. */
        public Builder message(int at, long uid, long sent, boolean replyOrForward) {
            this.at = at;
            held[at] = true;
            fields.uids[at] = uid;
            fields.sent[at] = sent;
            fields.replies[at] = replyOrForward;
            fields.messageIds[at] = NO_ID;
            fields.referenceStarts[at] = referenceCount;
            fields.referenceEnds[at] = referenceCount;
            return this;
        }

        public Builder subject(CharSequence text, int start, int end) {
            fields.subjects[at] = fields.subjectTexts.number(text, start, end);
            return this;
        }

        public Builder messageId(CharSequence text, int start, int end) {
            fields.messageIds[at] = fields.ids.number(text, start, end);
            return this;
        }

        /** The next (later) ID the message refers to. */
        public Builder reference(CharSequence text, int start, int end) {
            if (referenceCount == fields.references.length) {
                fields.references = Arrays.copyOf(fields.references, referenceCount * 2);
            }
            fields.references[referenceCount++] = fields.ids.number(text, start, end);
            fields.referenceEnds[at] = referenceCount;
            return this;
        }

        /** The messages given, by position; positions never given are left out (the others move up). */
        public ThreadingFields build() {
            int count = 0;
            for (int i = 0; i < held.length; i++) {
                if (held[i]) {
                    fields.moveRow(i, count++);
                }
            }
            fields.size = count;
            return fields;
        }
    }

    private void moveRow(int from, int to) {
        uids[to] = uids[from];
        sent[to] = sent[from];
        replies[to] = replies[from];
        subjects[to] = subjects[from];
        messageIds[to] = messageIds[from];
        referenceStarts[to] = referenceStarts[from];
        referenceEnds[to] = referenceEnds[from];
    }
}
