package io.syncstore.imap.selected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.message.response.ExpungeResponse;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.ThreadId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

/**
 * A SELECT registers for the mailbox's events before it reads the mailbox's messages, so a message may be added and
 * expunged by others while the snapshot is read, and the snapshot may or may not hold it.
 */
class SelectedStateSnapshotTest {
    private static final Username BOB = Username.of("bob");
    private static final MailboxSession.SessionId OTHER_SESSION = MailboxSession.SessionId.of(2);

    private final MailboxId mailbox = mock(MailboxId.class);
    private SelectedState state;

    @BeforeEach
    void setUp() {
        state = ReadOnlyStates.of(mailbox);
    }

    @Test
    void aMessageTheSnapshotStillHoldsIsToldExpunged() {
        hear(added(9));
        hear(expunged(9));
        state.load(new long[] {1, 1, 9, 9}, new Flags());

        assertThat(state.existsCount()).isEqualTo(2);
        List<ImapResponseMessage> told = tell();
        assertThat(told).hasSize(1);
        assertThat(((ExpungeResponse) told.get(0)).getMessageSequenceNumber().asInt()).contains(2);
        assertThat(state.existsCount()).isEqualTo(1);
    }

    @Test
    void aMessageTheSnapshotNoLongerHoldsIsNeverMentioned() {
        hear(added(9));
        hear(expunged(9));
        state.load(new long[] {1, 1}, new Flags());

        assertThat(tell()).isEmpty();
        assertThat(state.existsCount()).isEqualTo(1);
    }

    private void hear(Event event) {
        Mono.from(state.reactiveEvent(event)).block();
    }

    private List<ImapResponseMessage> tell() {
        List<ImapResponseMessage> told = new ArrayList<>();
        state.tell(new ImapProcessor.Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                told.add(message);
            }

            @Override
            public void flush() {
            }
        }, Telling.everything());
        return told;
    }

    private MailboxEvents.Added added(long uid) {
        TreeMap<MessageUid, MessageMetaData> added = new TreeMap<>(Map.of(MessageUid.of(uid), metaData(uid)));
        return new MailboxEvents.Added(OTHER_SESSION, BOB, MailboxPath.inbox(BOB), mailbox, added, Event.EventId.random(), false);
    }

    private MailboxEvents.Expunged expunged(long uid) {
        return new MailboxEvents.Expunged(OTHER_SESSION, BOB, MailboxPath.inbox(BOB), mailbox,
            Map.of(MessageUid.of(uid), metaData(uid)), Event.EventId.random());
    }

    private static MessageMetaData metaData(long uid) {
        return new MessageMetaData(MessageUid.of(uid), ModSeq.of(uid), new Flags(), 100, new Date(), Optional.empty(),
            mock(MessageId.class), ThreadId.fromBaseMessageId(mock(MessageId.class)));
    }
}
