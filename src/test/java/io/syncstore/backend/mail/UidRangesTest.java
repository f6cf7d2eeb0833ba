package io.syncstore.backend.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Mailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.sql.ExpungeLogSql;

/** SELECT's UID runs, from index seeks and the expunge log, else folded from its UIDs: exactly its UIDs. */
class UidRangesTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private StoreFixture store;
    private Mailbox inbox;

    @BeforeEach
    void setUp() {
        store = new StoreFixture(databases.open());
        inbox = store.createMailbox("INBOX");
    }

    @Test
    void anEmptyMailboxHasNoRuns() {
        assertThat(store.messages.uidRanges(inbox).block()).isEmpty();
    }

    @Test
    void aMailboxWithoutGapsIsOneRun() {
        List<MessageUid> uids = add(inbox, 50);
        assertThat(store.messages.uidRanges(inbox).block()).containsExactly(uids.get(0).asLong(), uids.get(49).asLong());
    }

    @Test
    void gapsSplitRunsAndLoneUidsAreRunsOfOne() throws Exception {
        List<MessageUid> uids = add(inbox, 10);
        // left: 1 2 | 4 | 6 7 8 | 10 (by position)
        store.messages.deleteMessages(inbox, List.of(uids.get(2), uids.get(4), uids.get(8)));
        assertThat(store.messages.uidRanges(inbox).block()).containsExactly(
            uids.get(0).asLong(), uids.get(1).asLong(),
            uids.get(3).asLong(), uids.get(3).asLong(),
            uids.get(5).asLong(), uids.get(7).asLong(),
            uids.get(9).asLong(), uids.get(9).asLong());
    }

    @Test
    void expungingTheFirstAndLastLeavesOneRun() throws Exception {
        List<MessageUid> uids = add(inbox, 6);
        store.messages.deleteMessages(inbox, List.of(uids.get(0), uids.get(5)));
        assertThat(store.messages.uidRanges(inbox).block()).containsExactly(uids.get(1).asLong(), uids.get(4).asLong());
        store.messages.deleteMessages(inbox, List.of(uids.get(1), uids.get(2), uids.get(3), uids.get(4)));
        assertThat(store.messages.uidRanges(inbox).block()).isEmpty();
    }

    @Test
    void otherMailboxesDoNotMix() {
        Mailbox other = store.createMailbox("Other");
        List<MessageUid> mine = add(inbox, 3);
        add(other, 5);
        add(inbox, 2);
        assertThat(store.messages.uidRanges(inbox).block()).containsExactly(mine.get(0).asLong(), mine.get(0).asLong() + 4);
    }

    @Test
    void withoutItsExpungeLogTheMailboxIsReadFromItsMessages() throws Exception {
        List<MessageUid> uids = add(inbox, 10);
        store.messages.deleteMessages(inbox, List.of(uids.get(2), uids.get(6)));
        long id = ((SyncStoreMailboxId) inbox.getMailboxId()).value();
        store.database().write(connection -> Sql.update(connection, ExpungeLogSql.CLEAR, id));
        assertThat(store.messages.uidRanges(inbox).block()).containsExactly(
            uids.get(0).asLong(), uids.get(1).asLong(),
            uids.get(3).asLong(), uids.get(5).asLong(),
            uids.get(7).asLong(), uids.get(9).asLong());
    }

    /** Random appends and expunges, the log sometimes cleared: the runs are always exactly the mailbox's UIDs. */
    @Test
    void runsAreTheUidsAfterRandomChanges() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        long id = ((SyncStoreMailboxId) inbox.getMailboxId()).value();
        List<MessageUid> present = new ArrayList<>(add(inbox, 40));
        for (int step = 0; step < 60; step++) {
            int action = random.nextInt(10);
            if (action < 3) {
                present.addAll(add(inbox, 1 + random.nextInt(5)));
            } else if (action < 9 && !present.isEmpty()) {
                List<MessageUid> gone = new ArrayList<>();
                for (int i = random.nextInt(4); i >= 0 && !present.isEmpty(); i--) {
                    gone.add(present.remove(random.nextInt(present.size())));
                }
                store.messages.deleteMessages(inbox, gone);
            } else {
                store.database().write(connection -> Sql.update(connection, ExpungeLogSql.CLEAR, id));
            }
            long[] runs = store.messages.uidRanges(inbox).block();
            List<Long> expanded = new ArrayList<>();
            for (int i = 0; i < runs.length; i += 2) {
                for (long uid = runs[i]; uid <= runs[i + 1]; uid++) {
                    expanded.add(uid);
                }
            }
            assertThat(expanded).as("seed %d, step %d", seed, step)
                .isEqualTo(present.stream().map(MessageUid::asLong).sorted().collect(Collectors.toList()));
        }
    }

    private List<MessageUid> add(Mailbox mailbox, int count) {
        List<MessageUid> uids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                uids.add(store.messages.add(mailbox, StoreFixture.message(mailbox, store.newMessageId(), "body " + i)).getUid());
            } catch (MailboxException e) {
                throw new IllegalStateException(e);
            }
        }
        return uids;
    }
}
