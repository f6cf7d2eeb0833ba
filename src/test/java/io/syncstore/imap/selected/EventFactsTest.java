package io.syncstore.imap.selected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.junit.jupiter.api.Test;

/** The facts of an event are its own, whichever events were asked about in between (events dispatched at once). */
class EventFactsTest {
    private static final Username BOB = Username.of("bob");
    private static final MailboxSession.SessionId SESSION = MailboxSession.SessionId.of(2);
    private final MailboxId mailbox = mock(MailboxId.class);

    @Test
    void addedMessagesKeepTheirOwnKeywordsInTheEventsOrder() {
        MailboxEvents.Added first = added(message(3, "$Work"), message(7), message(5, "$Late", "$Home"));
        MailboxEvents.Added second = added(message(8, "$Other"));

        assertThat(EventFacts.of(first).keywords(0)).containsExactly("$Work");
        assertThat(EventFacts.of(second).keywords(0)).containsExactly("$Other");
        EventFacts again = EventFacts.of(first);
        assertThat(again.keywords(1)).containsExactlyInAnyOrder("$Late", "$Home");
        assertThat(again.keywords(2)).isEmpty();
        assertThat(EventFacts.of(first)).as("worked out once for the connections told one after the other").isSameAs(again);
    }

    @Test
    void aClearOfRecentAloneChangesNothingElse() {
        Flags recentAndSeen = new Flags(Flags.Flag.RECENT);
        recentAndSeen.add(Flags.Flag.SEEN);
        MailboxEvents.FlagsUpdated flagsUpdated = flagsUpdated(
            update(1, recentAndSeen, new Flags(Flags.Flag.SEEN)),
            update(2, new Flags(), keywords("$Work")),
            update(3, new Flags(Flags.Flag.SEEN), new Flags()));

        EventFacts facts = EventFacts.of(flagsUpdated);
        assertThat(facts.changesMoreThanRecent(0)).isFalse();
        assertThat(facts.changesMoreThanRecent(1)).isTrue();
        assertThat(facts.keywords(1)).containsExactly("$Work");
        assertThat(facts.changesMoreThanRecent(2)).isTrue();
        assertThat(facts.keywords(2)).isEmpty();
    }

    private MailboxEvents.Added added(MessageMetaData... messages) {
        TreeMap<MessageUid, MessageMetaData> added = new TreeMap<>();
        for (MessageMetaData message : messages) {
            added.put(message.getUid(), message);
        }
        return new MailboxEvents.Added(SESSION, BOB, MailboxPath.inbox(BOB), mailbox, added, Event.EventId.random(), false);
    }

    private MailboxEvents.FlagsUpdated flagsUpdated(UpdatedFlags... updates) {
        return new MailboxEvents.FlagsUpdated(SESSION, BOB, MailboxPath.inbox(BOB), mailbox, List.of(updates),
            Event.EventId.random());
    }

    private static UpdatedFlags update(long uid, Flags oldFlags, Flags newFlags) {
        return UpdatedFlags.builder().uid(MessageUid.of(uid)).modSeq(ModSeq.of(uid)).oldFlags(oldFlags).newFlags(newFlags)
            .build();
    }

    private static MessageMetaData message(long uid, String... keywords) {
        return new MessageMetaData(MessageUid.of(uid), ModSeq.of(uid), keywords(keywords), 100, new Date(), Optional.empty(),
            mock(MessageId.class), ThreadId.fromBaseMessageId(mock(MessageId.class)));
    }

    private static Flags keywords(String... keywords) {
        Flags flags = new Flags();
        for (String keyword : keywords) {
            flags.add(keyword);
        }
        return flags;
    }
}
