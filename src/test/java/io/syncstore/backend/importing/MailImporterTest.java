package io.syncstore.backend.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreMailboxManager;
import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;

class MailImporterTest {
    private static final Username ALICE = Username.of("alice@example.com");

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Test
    void aNewMailboxTakesTheSourcesUidValidityAndUidsAndNewMailGetsUidsAboveTheSourcesNext() throws Exception {
        Database database = databases.open();
        SyncStoreMailboxManager manager = SyncStoreResources.defaultResources(database).getMailboxManager();
        ImportProgress progress = new ImportProgress();

        new MailImporter(manager, new UidPlacement(database, manager.getMapperFactory())).importFolders(ALICE,
            List.of(folder(List.of("Archive", "2024"), 1234567, 20, 3, 7, 12)), progress);

        MailboxSession session = manager.createSystemSession(ALICE);
        MessageManager archive = manager.getMailbox(MailboxPath.forUser(ALICE, "Archive.2024"), session);
        assertThat(archive.getMailboxEntity().getUidValidity().asLong()).isEqualTo(1234567);
        assertThat(uids(archive, session)).containsExactly(3L, 7L, 12L);
        assertThat(append(archive, session)).isEqualTo(20);
        assertThat(progress.keptUids()).isEqualTo(3);
        assertThat(progress.importedFolders()).isEqualTo(1);
    }

    @Test
    void aMailboxThatHeldMailKeepsItsUidValidityAndGivesNewUids() throws Exception {
        Database database = databases.open();
        SyncStoreMailboxManager manager = SyncStoreResources.defaultResources(database).getMailboxManager();
        MailboxSession session = manager.createSystemSession(ALICE);
        manager.createMailbox(MailboxPath.inbox(ALICE), session);
        MessageManager inbox = manager.getMailbox(MailboxPath.inbox(ALICE), session);
        append(inbox, session);
        long uidValidity = inbox.getMailboxEntity().getUidValidity().asLong();
        ImportProgress progress = new ImportProgress();

        new MailImporter(manager, new UidPlacement(database, manager.getMapperFactory())).importFolders(ALICE,
            List.of(folder(List.of("INBOX"), 99, 50, 10, 11)), progress);

        inbox = manager.getMailbox(MailboxPath.inbox(ALICE), session);
        assertThat(inbox.getMailboxEntity().getUidValidity().asLong()).isEqualTo(uidValidity);
        assertThat(uids(inbox, session)).containsExactly(1L, 2L, 3L);
        assertThat(progress.newUids()).isEqualTo(2);
        assertThat(progress.keptUids()).isZero();
    }

    private static FolderSource folder(List<String> name, long uidValidity, long uidNext, long... uids) {
        return new FolderSource() {
            @Override
            public List<String> name() {
                return name;
            }

            @Override
            public String location() {
                return "test";
            }

            @Override
            public void read(Reader reader) throws MailboxException {
                reader.uids(uidValidity, uidNext);
                for (long uid : uids) {
                    reader.message(new ImportedMessage(("Subject: " + uid + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII),
                        new Flags(Flags.Flag.SEEN), Optional.empty(), OptionalLong.of(uid)));
                }
            }
        };
    }

    private static long append(MessageManager mailbox, MailboxSession session) throws Exception {
        return mailbox.appendMessage(MessageManager.AppendCommand.builder().build("Subject: new\r\n\r\nnew\r\n"), session)
            .getId().getUid().asLong();
    }

    private static List<Long> uids(MessageManager mailbox, MailboxSession session) throws Exception {
        List<Long> uids = new ArrayList<>();
        mailbox.getMessages(MessageRange.all(), FetchGroup.MINIMAL, session)
            .forEachRemaining((MessageResult result) -> uids.add(result.getUid().asLong()));
        return uids;
    }
}
