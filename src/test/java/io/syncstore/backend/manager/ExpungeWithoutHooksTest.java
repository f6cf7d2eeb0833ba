package io.syncstore.backend.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageManager.FlagsUpdateMode;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.common.collect.ImmutableList;

import io.syncstore.backend.SyncStoreMailboxManager;
import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;

/**
 * EXPUNGE with no pre-deletion hook, the server's default, where the write itself finds the messages marked \Deleted
 * (James's suites configure hooks, so they test the other path).
 */
class ExpungeWithoutHooksTest {
    private static final Username BOB = Username.of("bob");

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private MailboxSession bob;
    private MessageManager inbox;
    private final List<MessageUid> uids = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        SyncStoreMailboxManager manager = SyncStoreResources.defaultResources(databases.open()).getMailboxManager();
        bob = manager.createSystemSession(BOB);
        inbox = manager.getMailbox(manager.createMailbox(MailboxPath.inbox(BOB), bob).orElseThrow(), bob);
        for (int i = 1; i <= 6; i++) {
            uids.add(inbox.appendMessage(MessageManager.AppendCommand.builder()
                .build("Subject: " + i + "\r\n\r\nbody\r\n"), bob).getId().getUid());
        }
    }

    @Test
    void onlyTheMessagesOfTheRangeMarkedDeletedAreRemoved() throws Exception {
        for (int number : new int[] {2, 3, 5, 6}) {
            inbox.setFlags(new Flags(Flags.Flag.DELETED), FlagsUpdateMode.ADD, MessageRange.one(uid(number)), bob);
        }

        List<MessageUid> expunged = ImmutableList.copyOf(inbox.expunge(MessageRange.range(uid(1), uid(5)), bob));

        assertThat(expunged).containsExactly(uid(2), uid(3), uid(5));
        assertThat(remaining()).containsExactly(uid(1), uid(4), uid(6));
    }

    @Test
    void anExpungeWithNothingMarkedRemovesNothing() throws Exception {
        assertThat(ImmutableList.copyOf(inbox.expunge(MessageRange.all(), bob))).isEmpty();

        assertThat(remaining()).containsExactlyElementsOf(uids);
    }

    /**
     * On PostgreSQL, writes run concurrently: a message unmarked while an EXPUNGE runs is either unmarked before the
     * EXPUNGE takes it (then kept) or removed before the STORE finds it (then not reported as unmarked), never both.
     */
    @Test
    void aMessageUnmarkedWhileAnExpungeRunsIsKeptOrWasNeverUnmarked() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                List<MessageUid> marked = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    marked.add(inbox.appendMessage(MessageManager.AppendCommand.builder()
                        .withFlags(new Flags(Flags.Flag.DELETED))
                        .build("Subject: round " + round + "\r\n\r\nbody\r\n"), bob).getId().getUid());
                }
                CountDownLatch start = new CountDownLatch(1);
                Future<List<MessageUid>> expunge = threads.submit(() -> {
                    start.await();
                    return ImmutableList.copyOf(inbox.expunge(MessageRange.all(), bob));
                });
                Future<List<MessageUid>> unmark = threads.submit(() -> {
                    start.await();
                    List<MessageUid> unmarked = new ArrayList<>();
                    for (MessageUid uid : marked.subList(0, 4)) {
                        inbox.setFlags(new Flags(Flags.Flag.DELETED), FlagsUpdateMode.REMOVE, MessageRange.one(uid), bob)
                            .forEach((found, flags) -> unmarked.add(found));
                    }
                    return unmarked;
                });
                start.countDown();
                List<MessageUid> expunged = expunge.get(30, TimeUnit.SECONDS);
                List<MessageUid> unmarked = unmark.get(30, TimeUnit.SECONDS);

                assertThat(expunged).filteredOn(unmarked::contains).isEmpty();
                assertThat(expunged).containsAll(marked.subList(4, 8));
                List<MessageUid> remaining = remaining();
                assertThat(remaining).containsAll(unmarked);
                assertThat(remaining).filteredOn(expunged::contains).isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private MessageUid uid(int number) {
        return uids.get(number - 1);
    }

    private List<MessageUid> remaining() throws Exception {
        List<MessageUid> remaining = new ArrayList<>();
        inbox.getMessages(MessageRange.all(), FetchGroup.MINIMAL, bob)
            .forEachRemaining(message -> remaining.add(((MessageResult) message).getUid()));
        return remaining;
    }
}
