package io.syncstore.backend.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.CurrentQuotas;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.QuotaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.SyncStoreMailboxManager;
import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.search.SortingColumnsTest;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;
import reactor.core.publisher.Mono;

/**
 * The usage of a quota root is kept by the writes that add and remove messages, under the root James's resolver
 * names, and a database from before schema V24 gets the usage of the messages it holds.
 */
public class QuotaUsageTest {
    private static final Username BOB = Username.of("bob@example.org");
    private static final Username ALICE = Username.of("alice");

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path folder;

    @Test
    void everyWayInAndOutOfTheStoreChangesTheUsageOfTheRootJamesResolves() throws Exception {
        User bob = new User(SyncStoreResources.defaultResources(databases.open()), BOB);
        MessageManager inbox = bob.mailbox(MailboxPath.inbox(BOB));
        MailboxPath workPath = MailboxPath.forUser(BOB, "Work");
        MessageManager work = bob.mailbox(workPath);
        bob.append(inbox, 100);
        MessageUid second = bob.append(inbox, 2000);
        bob.append(work, 30);
        bob.assertUsageIsWhatIsStored(List.of(inbox, work));

        bob.manager().copyMessages(MessageRange.one(second), MailboxPath.inbox(BOB), workPath, bob.session);
        bob.assertUsageIsWhatIsStored(List.of(inbox, work));
        bob.manager().moveMessages(MessageRange.one(second), MailboxPath.inbox(BOB), workPath, bob.session);
        bob.assertUsageIsWhatIsStored(List.of(inbox, work));
        work.delete(List.of(MessageUid.MIN_VALUE), bob.session);
        bob.assertUsageIsWhatIsStored(List.of(inbox, work));

        bob.manager().deleteMailbox(workPath, bob.session);
        bob.assertUsageIsWhatIsStored(List.of(inbox));
        assertThat(bob.usage()).isEqualTo(new CurrentQuotas(QuotaCountUsage.count(1), QuotaSizeUsage.size(bob.sizeOf(inbox))));
    }

    @Test
    void aDatabaseFromBeforeV24GetsTheUsageOfTheMessagesItHolds() throws Exception {
        SyncStoreConfiguration configuration = TestDatabases.configurationIn(folder, SyncPolicy.NORMAL);
        Database before = databases.open(configuration);
        SyncStoreResources resources = SyncStoreResources.defaultResources(before);
        User bob = new User(resources, BOB);
        User alice = new User(resources, ALICE);
        MessageManager bobInbox = bob.mailbox(MailboxPath.inbox(BOB));
        MessageManager bobWork = bob.mailbox(MailboxPath.forUser(BOB, "Work"));
        MessageManager aliceInbox = alice.mailbox(MailboxPath.inbox(ALICE));
        bob.append(bobInbox, 10);
        bob.append(bobInbox, 500);
        bob.append(bobWork, 7000);
        alice.append(aliceInbox, 40);
        String bobRoot = bob.root().getValue();
        String aliceRoot = alice.root().getValue();
        before.write(connection -> {
            // as James's listener could leave it: an increase lost to a crash, a decrease counted twice
            Sql.update(connection, "UPDATE quota_usage SET message_count = 1, storage_bytes = 10 WHERE quota_root = ?",
                bobRoot);
            Sql.update(connection, "UPDATE quota_usage SET message_count = -1, storage_bytes = -40 WHERE quota_root = ?",
                aliceRoot);
            SortingColumnsTest.undoMigrationV25(connection);
            undoMigrationV24(connection);
            return null;
        });
        before.close();

        SyncStoreResources reopened = SyncStoreResources.defaultResources(databases.open(configuration));
        User bobAfter = new User(reopened, BOB);
        User aliceAfter = new User(reopened, ALICE);
        bobAfter.assertUsageIsWhatIsStored(List.of(bobAfter.mailbox(MailboxPath.inbox(BOB)),
            bobAfter.mailbox(MailboxPath.forUser(BOB, "Work"))));
        aliceAfter.assertUsageIsWhatIsStored(List.of(aliceAfter.mailbox(MailboxPath.inbox(ALICE))));
        assertThat(bobAfter.usage().count().asLong()).isEqualTo(3);
    }

    /** One user's mailboxes, created on first use, and the usage of its quota root. */
    private static final class User {
        private final SyncStoreResources resources;
        private final MailboxSession session;

        User(SyncStoreResources resources, Username username) {
            this.resources = resources;
            this.session = resources.getMailboxManager().createSystemSession(username);
        }

        SyncStoreMailboxManager manager() {
            return resources.getMailboxManager();
        }

        MessageManager mailbox(MailboxPath path) throws Exception {
            if (!Mono.from(manager().mailboxExists(path, session)).block()) {
                manager().createMailbox(path, session);
            }
            return manager().getMailbox(path, session);
        }

        MessageUid append(MessageManager mailbox, int bodySize) throws Exception {
            String message = "Subject: " + bodySize + "\r\n\r\n" + "b".repeat(bodySize) + "\r\n";
            return mailbox.appendMessage(MessageManager.AppendCommand.builder().build(message), session).getId().getUid();
        }

        QuotaRoot root() throws Exception {
            return resources.getQuotaRootResolver().getQuotaRoot(MailboxPath.inbox(session));
        }

        CurrentQuotas usage() throws Exception {
            return resources.getCurrentQuotaManager().getCurrentQuotas(root()).block();
        }

        long sizeOf(MessageManager mailbox) throws Exception {
            long size = 0;
            for (MessageResult message : messages(mailbox)) {
                size += message.getSize();
            }
            return size;
        }

        void assertUsageIsWhatIsStored(List<MessageManager> mailboxes) throws Exception {
            long count = 0;
            long size = 0;
            for (MessageManager mailbox : mailboxes) {
                count += messages(mailbox).size();
                size += sizeOf(mailbox);
            }
            CurrentQuotas usage = usage();
            assertThat(usage.count().asLong()).as("message count").isEqualTo(count);
            assertThat(usage.size().asLong()).as("storage").isEqualTo(size);
        }

        private List<MessageResult> messages(MessageManager mailbox) throws Exception {
            List<MessageResult> found = new ArrayList<>();
            mailbox.getMessages(MessageRange.all(), FetchGroup.MINIMAL, session).forEachRemaining(found::add);
            return found;
        }
    }

    /**
     * Back to V23: V24 only computed the usage from the stored messages, which it does again at the next opening. A
     * test undoing an earlier migration undoes this one first: Flyway runs an undone migration only as the last.
     */
    public static void undoMigrationV24(java.sql.Connection connection) throws java.sql.SQLException {
        Sql.update(connection, "DELETE FROM flyway_schema_history WHERE version = '24'");
    }
}
