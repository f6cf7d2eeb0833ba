package io.syncstore.backend.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

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
