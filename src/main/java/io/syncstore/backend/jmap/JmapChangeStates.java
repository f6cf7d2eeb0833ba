package io.syncstore.backend.jmap;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import org.apache.james.events.Event;
import org.apache.james.jmap.api.change.State;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.UpdatedFlags;

/**
 * The JMAP state of a message write, named by what the write took that no other write of its mailbox ever takes:
 * the first UID it added or expunged, or the modseq its flag changes share. The store writes the change rows under
 * this state in the write's own transaction; the change listener finds the same state from the write's event, so
 * that it pushes the state the rows carry and does not write them a second time.
 */
public final class JmapChangeStates {
    private JmapChangeStates() {
    }

    public static State added(MailboxId mailboxId, MessageUid firstUid) {
        return named("added", mailboxId, firstUid.asLong());
    }

    public static State expunged(MailboxId mailboxId, MessageUid firstUid) {
        return named("expunged", mailboxId, firstUid.asLong());
    }

    public static State flagsChanged(MailboxId mailboxId, ModSeq modSeq) {
        return named("flags", mailboxId, modSeq.asLong());
    }

    /** The state of the write this event tells of, if the store writes its change rows. */
    public static Optional<State> of(Event event) {
        if (event instanceof MailboxEvents.Added) {
            MailboxEvents.Added added = (MailboxEvents.Added) event;
            return first(added.getUids()).map(uid -> added(added.getMailboxId(), uid));
        }
        if (event instanceof MailboxEvents.Expunged) {
            MailboxEvents.Expunged expunged = (MailboxEvents.Expunged) event;
            return first(expunged.getUids()).map(uid -> expunged(expunged.getMailboxId(), uid));
        }
        if (event instanceof MailboxEvents.FlagsUpdated) {
            MailboxEvents.FlagsUpdated updated = (MailboxEvents.FlagsUpdated) event;
            return updated.getUpdatedFlags().stream()
                .filter(UpdatedFlags::flagsChanged)
                .map(UpdatedFlags::getModSeq)
                .max(ModSeq::compareTo)
                .map(modSeq -> flagsChanged(updated.getMailboxId(), modSeq));
        }
        return Optional.empty();
    }

    private static Optional<MessageUid> first(Collection<MessageUid> uids) {
        return uids.stream().min(MessageUid::compareTo);
    }

    private static State named(String write, MailboxId mailboxId, long number) {
        String name = write + ' ' + mailboxId.serialize() + ' ' + number;
        return State.of(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }
}
