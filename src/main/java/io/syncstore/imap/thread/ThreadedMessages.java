package io.syncstore.imap.thread;

import io.syncstore.api.ThreadingFields;

import it.unimi.dsi.fastutil.ints.IntArrays;

/**
 * The messages to thread (RFC 5256 §3), by index in mailbox order: the number the response carries for each (UID or
 * message sequence number) beside its {@link ThreadingFields}.
 */
final class ThreadedMessages {
    private final ThreadingFields fields;
    private final long[] numbers;

    ThreadedMessages(ThreadingFields fields, long[] numbers) {
        this.fields = fields;
        this.numbers = numbers;
    }

    int size() {
        return numbers.length;
    }

    long number(int message) {
        return numbers[message];
    }

    long sent(int message) {
        return fields.sent(message);
    }

    int subject(int message) {
        return fields.subjectNumber(message);
    }

    boolean replyOrForward(int message) {
        return fields.replyOrForward(message);
    }

    /** {@link ThreadingFields#NO_ID} when it has none. */
    int messageId(int message) {
        return fields.messageIdNumber(message);
    }

    int referenceCount(int message) {
        return fields.referenceCount(message);
    }

    int reference(int message, int which) {
        return fields.referenceNumber(message, which);
    }

    /** The numbers base subjects have: 0 ({@link ThreadingFields#EMPTY_SUBJECT}) to this, excluded. */
    int subjectCount() {
        return fields.subjectCount();
    }

    /** The numbers IDs have: 0 to this, excluded. */
    int idCount() {
        return fields.idCount();
    }

    /** RFC 5256 §3's order of siblings: by sent date, ties in mailbox order (numbers differ). */
    int[] bySentDate() {
        int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        IntArrays.quickSort(order, (a, b) -> {
            int bySent = Long.compare(sent(a), sent(b));
            return bySent != 0 ? bySent : Long.compare(numbers[a], numbers[b]);
        });
        return order;
    }
}
