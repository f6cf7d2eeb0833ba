package io.syncstore.backend.mail;

import javax.inject.Inject;

import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.mailbox.events.MailboxEvents;

import io.syncstore.api.NodeLocalGroup;
import io.syncstore.backend.SyncStoreMailboxSessionMapperFactory;
import io.syncstore.backend.model.SyncStoreMailboxId;

/**
 * Forgets a kept mailbox when another node renames or deletes it or changes its ACL: this node's own writes forget it
 * at their commit, another node's are known here only by their events (a {@link NodeLocalGroup}, so every node hears
 * each). Until the event arrives, this node answers from the mailbox as it was, as its selected sessions do.
 */
public final class KeptMailboxesListener implements EventListener.GroupEventListener {
    private static final Group GROUP = NodeLocalGroup.named("syncstore-kept-mailboxes");

    private final KeptMailboxes kept;

    @Inject
    public KeptMailboxesListener(SyncStoreMailboxSessionMapperFactory mappers) {
        this.kept = mappers.mailboxMapper().kept();
    }

    @Override
    public Group getDefaultGroup() {
        return GROUP;
    }

    @Override
    public boolean isHandling(Event event) {
        return event instanceof MailboxEvents.MailboxRenamed
            || event instanceof MailboxEvents.MailboxDeletion
            || event instanceof MailboxEvents.MailboxACLUpdated;
    }

    @Override
    public void event(Event event) {
        if (isHandling(event)) {
            kept.forget(SyncStoreMailboxId.from(((MailboxEvents.MailboxEvent) event).getMailboxId()).value());
        }
    }
}
