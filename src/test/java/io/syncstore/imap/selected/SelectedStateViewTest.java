package io.syncstore.imap.selected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.util.Date;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.syncstore.api.FlagRows;
import reactor.core.publisher.Mono;

/** {@link SelectedState#view}: the sequence numbers and \Recent of rows ascending by UID, read in one walk. */
class SelectedStateViewTest {
    private static final long HIGH = 1L << 31;
    private static final long LAST = 4_294_967_295L;

    private final MailboxId mailbox = mock(MailboxId.class);
    private SelectedState state;

    @BeforeEach
    void setUp() {
        state = ReadOnlyStates.of(mailbox);
        state.load(new long[] {1, 3, HIGH + 1, HIGH + 2, LAST, LAST}, new Flags());
    }

    @Test
    void rowsGetTheirSequenceNumbersAndTheRecentThisConnectionHolds() {
        state.addRecent(MessageUid.of(2));
        state.addRecent(MessageUid.of(3));
        state.addRecent(MessageUid.of(HIGH + 2));
        state.addRecent(MessageUid.of(LAST));

        RowsInView view = state.view(rows(1, 2, 4, 5000, HIGH + 2, LAST));

        assertThat(IntStream.range(0, 6).map(view::sequenceNumber)).containsExactly(1, 2, 0, 0, 5, 6);
        assertThat(IntStream.range(0, 6).filter(view::holdsRecent)).containsExactly(1, 4, 5);
    }

    @Test
    void aMessageAddedByAnotherSessionIsOutOfViewUntilTold() {
        TreeMap<MessageUid, MessageMetaData> added = new TreeMap<>();
        added.put(MessageUid.of(LAST + 1), new MessageMetaData(MessageUid.of(LAST + 1), ModSeq.of(9), new Flags(), 100,
            new Date(), Optional.empty(), mock(MessageId.class), ThreadId.fromBaseMessageId(mock(MessageId.class))));
        Mono.from(state.reactiveEvent(new MailboxEvents.Added(MailboxSession.SessionId.of(2), Username.of("bob"),
            MailboxPath.inbox(Username.of("bob")), mailbox, added, Event.EventId.random(), false))).block();
        state.addRecent(MessageUid.of(LAST + 1));

        RowsInView view = state.view(rows(LAST, LAST + 1));

        assertThat(view.sequenceNumber(0)).isEqualTo(6);
        assertThat(view.sequenceNumber(1)).isZero();
    }

    @Test
    void noRowsMakeAnEmptyView() {
        state.addRecent(MessageUid.of(1));

        RowsInView view = state.view(new FlagRows());

        assertThat(view.holdsRecent(0)).isFalse();
    }

    private static FlagRows rows(long... uids) {
        FlagRows rows = new FlagRows();
        for (long uid : uids) {
            rows.add(uid, 1, 0, null);
        }
        return rows;
    }
}
