package io.syncstore.imap.thread;

import java.util.ArrayList;
import java.util.List;

import io.syncstore.api.ThreadingFields;

/** Messages to thread, written one a line: number, sent (seconds), base subject, reply flag, Message-ID, references. */
final class Corpus {
    private final List<Object[]> messages = new ArrayList<>();

    /** {@code messageId} {@code null} for none. */
    Corpus add(long number, long sentSeconds, String subject, boolean replyOrForward, String messageId,
               String... references) {
        messages.add(new Object[] {number, sentSeconds * 1000, subject, replyOrForward, messageId, references});
        return this;
    }

    /** The messages in the order added (the mailbox order), each text a string of its own as another backend's are. */
    ThreadedMessages messages() {
        ThreadingFields.Builder fields = ThreadingFields.builder(messages.size());
        long[] numbers = new long[messages.size()];
        for (int i = 0; i < numbers.length; i++) {
            Object[] message = messages.get(i);
            numbers[i] = (long) message[0];
            String subject = (String) message[2];
            fields.message(i, numbers[i], (long) message[1], (boolean) message[3]).subject(subject, 0, subject.length());
            if (message[4] != null) {
                String id = (String) message[4];
                fields.messageId(id, 0, id.length());
            }
            for (String reference : (String[]) message[5]) {
                fields.reference(reference, 0, reference.length());
            }
        }
        return new ThreadedMessages(fields.build(), numbers);
    }

    String threads(ThreadAlgorithm algorithm) {
        return algorithm.threads(messages()).threadList();
    }
}
