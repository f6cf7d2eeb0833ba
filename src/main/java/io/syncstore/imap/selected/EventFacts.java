package io.syncstore.imap.selected;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.UpdatedFlags;

/**
 * What every connection with a mailbox selected reads alike from one of its events: the UIDs it adds or expunges, whether
 * each added message holds \Recent and its keywords, and for each flag update whether it changes more than \Recent and
 * the keywords it leaves. Worked out once per event,
 * not once per connection told: the event bus hands the same event to each of a mailbox's idling connections one after
 * the other, and {@link Flags#getUserFlags} builds a vector and an array at each call (8 % of all a run of pushes to
 * 1,000 idling connections allocated, docs/benchmarks.md section 6). Kept for the last event only: another event
 * dispatched meanwhile on another thread replaces it, and the facts are worked out again, the same.
 */
final class EventFacts {
    private static final Flags.Flag[] FLAGS_BUT_RECENT = {
        Flags.Flag.ANSWERED, Flags.Flag.DELETED, Flags.Flag.DRAFT, Flags.Flag.FLAGGED, Flags.Flag.SEEN };
    private static final String[] NONE = new String[0];
    private static final AtomicReference<EventFacts> LAST = new AtomicReference<>();

    private static final long[] NO_UIDS = new long[0];

    private final MailboxEvents.MailboxEvent event;
    /** The added or expunged UIDs, in the event's order. */
    private final long[] uids;
    private final boolean[] addedRecent;
    /** In the order of the event's added messages, or of its flag updates. */
    private final String[][] keywords;
    private final boolean[] moreThanRecent;

    private EventFacts(MailboxEvents.MailboxEvent event) {
        this.event = event;
        if (event instanceof MailboxEvents.Added) {
            Collection<MessageMetaData> added = ((MailboxEvents.Added) event).getAdded().values();
            uids = new long[added.size()];
            addedRecent = new boolean[added.size()];
            keywords = new String[added.size()][];
            moreThanRecent = new boolean[0];
            int index = 0;
            for (MessageMetaData message : added) {
                uids[index] = message.getUid().asLong();
                addedRecent[index] = message.getFlags().contains(Flags.Flag.RECENT);
                keywords[index++] = message.getFlags().getUserFlags();
            }
        } else if (event instanceof MailboxEvents.Expunged) {
            uids = ((MailboxEvents.Expunged) event).getUids().stream().mapToLong(MessageUid::asLong).toArray();
            addedRecent = new boolean[0];
            keywords = new String[0][];
            moreThanRecent = new boolean[0];
        } else if (event instanceof MailboxEvents.FlagsUpdated) {
            List<UpdatedFlags> updates = ((MailboxEvents.FlagsUpdated) event).getUpdatedFlags();
            uids = NO_UIDS;
            addedRecent = new boolean[0];
            keywords = new String[updates.size()][];
            moreThanRecent = new boolean[updates.size()];
            for (int index = 0; index < updates.size(); index++) {
                UpdatedFlags update = updates.get(index);
                moreThanRecent[index] = changesMoreThanRecent(update);
                keywords[index] = moreThanRecent[index] ? update.getNewFlags().getUserFlags() : NONE;
            }
        } else {
            uids = NO_UIDS;
            addedRecent = new boolean[0];
            keywords = new String[0][];
            moreThanRecent = new boolean[0];
        }
    }

    static EventFacts of(MailboxEvents.MailboxEvent event) {
        EventFacts last = LAST.get();
        if (last != null && last.event == event) {
            return last;
        }
        EventFacts facts = new EventFacts(event);
        LAST.set(facts);
        return facts;
    }

    /** The UIDs an Added or Expunged event names, in its order; none for other events. */
    long[] uids() {
        return uids;
    }

    /** Whether the {@code index}th added message holds \Recent in storage. */
    boolean addedRecent(int index) {
        return addedRecent[index];
    }

    /** The keywords of the {@code index}th added message, or those a flag update leaves when it changes more than \Recent. */
    String[] keywords(int index) {
        return keywords[index];
    }

    /** Whether the {@code index}th flag update changes a system flag other than \Recent, or a keyword. */
    boolean changesMoreThanRecent(int index) {
        return moreThanRecent[index];
    }

    private static boolean changesMoreThanRecent(UpdatedFlags update) {
        for (Flags.Flag flag : FLAGS_BUT_RECENT) {
            if (update.isChanged(flag)) {
                return true;
            }
        }
        return update.userFlagIterator().hasNext();
    }
}
