package io.syncstore.backend.queue;

import org.apache.james.queue.api.MailQueue;
import org.apache.mailet.Mail;

/** A dequeued mail, in flight until {@link #done} says what became of it. */
final class SyncStoreMailQueueItem implements MailQueue.MailQueueItem {
    private final SyncStoreMailQueue queue;
    private final long itemId;
    private final Mail mail;

    SyncStoreMailQueueItem(SyncStoreMailQueue queue, long itemId, Mail mail) {
        this.queue = queue;
        this.itemId = itemId;
        this.mail = mail;
    }

    @Override
    public Mail getMail() {
        return mail;
    }

    @Override
    public void done(CompletionStatus status) throws MailQueue.MailQueueException {
        if (status == CompletionStatus.RETRY) {
            queue.requeue(itemId);
        } else {
            queue.acknowledge(itemId);
        }
    }

    /** Gives back an item that was taken from the queue but never reached a subscriber. */
    void release() {
        queue.release(itemId);
    }
}
