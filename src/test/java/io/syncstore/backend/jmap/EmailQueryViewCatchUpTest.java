package io.syncstore.backend.jmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.util.streams.Limit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;

/** The email query view brought up to date with the mailboxes by a server that starts reading it. */
class EmailQueryViewCatchUpTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private static final Username BOB = Username.of("bob");

    private SyncStoreEmailQueryView view;
    private MessageManager inbox;
    private MailboxSession session;

    @BeforeEach
    void setUp() throws Exception {
        Database database = DATABASES.open();
        SyncStoreResources resources = SyncStoreResources.defaultResources(database);
        session = resources.getMailboxManager().createSystemSession(BOB);
        MailboxPath path = MailboxPath.inbox(BOB);
        resources.getMailboxManager().createMailbox(path, session);
        inbox = resources.getMailboxManager().getMailbox(path, session);
        view = new SyncStoreEmailQueryView(database, resources.getMessageIdFactory());
    }

    private MessageId append(String date, long receivedMillis) throws Exception {
        String header = date == null ? "" : "Date: " + date + "\r\n";
        return inbox.appendMessage(MessageManager.AppendCommand.builder()
                .withInternalDate(new Date(receivedMillis))
                .build(header + "Subject: s\r\n\r\nbody\r\n"), session)
            .getId().getMessageId();
    }

    private List<MessageId> bySentAt() {
        return view.listMailboxContentSortedBySentAt(inbox.getId(), Limit.limit(10)).collectList().block();
    }

    private List<MessageId> byReceivedAt() {
        return view.listMailboxContentSortedByReceivedAt(inbox.getId(), Limit.limit(10)).collectList().block();
    }

    @Test
    void addsWhatItLacksAndDropsWhatIsGoneOrDeleted() throws Exception {
        MessageId sentLast = append("Wed, 2 Dec 2026 10:00:00 +0000", 1_000_000L);
        MessageId sentFirst = append("Mon, 30 Nov 2026 10:00:00 +0000", 3_000_000L);
        MessageId undated = append(null, 2_000_000L);
        MessageId deleted = append("Tue, 1 Dec 2026 10:00:00 +0000", 4_000_000L);
        inbox.setFlags(new Flags(Flags.Flag.DELETED), MessageManager.FlagsUpdateMode.ADD,
            MessageRange.one(MessageUid.of(inbox.getMessageCount(session))), session);
        MessageId expunged = append("Tue, 1 Dec 2026 11:00:00 +0000", 5_000_000L);
        view.save(inbox.getId(), ZonedDateTime.now(), ZonedDateTime.now(), expunged).block();
        inbox.setFlags(new Flags(Flags.Flag.DELETED), MessageManager.FlagsUpdateMode.ADD,
            MessageRange.one(MessageUid.of(inbox.getMessageCount(session))), session);
        inbox.expunge(MessageRange.one(MessageUid.of(inbox.getMessageCount(session))), session);

        view.catchUp().block();

        assertThat(bySentAt()).containsExactly(sentLast, sentFirst, undated);
        assertThat(byReceivedAt()).containsExactly(sentFirst, undated, sentLast);
        assertThat(bySentAt()).doesNotContain(deleted, expunged);

        view.catchUp().block();
        assertThat(bySentAt()).containsExactly(sentLast, sentFirst, undated);
    }
}
