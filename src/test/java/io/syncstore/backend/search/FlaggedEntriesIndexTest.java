package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.SearchQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;

import reactor.core.publisher.Flux;

/** SEARCH FLAGGED from the index of flagged entries (V28), made for the entries of a database from before it too. */
public class FlaggedEntriesIndexTest {
    private static final String MESSAGE = "Subject: flagged or not\r\n\r\nbody\r\n";

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path folder;

    @Test
    void entriesStoredBeforeV28AreIndexedAndFoundByTheirFlag() throws Exception {
        SyncStoreConfiguration configuration = TestDatabases.configurationIn(folder, SyncPolicy.NORMAL);
        Database before = databases.open(configuration);
        SortingColumnsTest.Store inbox = new SortingColumnsTest.Store(before);
        MessageUid flagged = append(inbox, new Flags(Flags.Flag.FLAGGED));
        MessageUid plain = append(inbox, new Flags());
        MessageUid flaggedAndSeen = append(inbox, new Flags(Flags.Flag.SEEN));
        inbox.mailbox.setFlags(new Flags(Flags.Flag.FLAGGED), MessageManager.FlagsUpdateMode.ADD,
            MessageRange.one(flaggedAndSeen), inbox.session);
        before.write(connection -> {
            undoMigrationV28(connection);
            return null;
        });
        assertThat(indexedEntries(before)).as("V28 undone").isEqualTo(-1);
        before.close();

        Database reopened = databases.open(configuration);
        SortingColumnsTest.Store after = new SortingColumnsTest.Store(reopened);

        assertThat(indexedEntries(reopened)).isEqualTo(2);
        assertThat(search(after, SearchQuery.flagIsSet(Flags.Flag.FLAGGED))).containsExactly(flagged, flaggedAndSeen);
        assertThat(search(after, SearchQuery.flagIsUnSet(Flags.Flag.FLAGGED))).containsExactly(plain);
        after.mailbox.setFlags(new Flags(Flags.Flag.FLAGGED), MessageManager.FlagsUpdateMode.REMOVE,
            MessageRange.one(flagged), after.session);
        assertThat(search(after, SearchQuery.flagIsSet(Flags.Flag.FLAGGED))).containsExactly(flaggedAndSeen);
        assertThat(indexedEntries(reopened)).isEqualTo(1);
    }

    /** The database as it was before V28, which runs again at the next opening. */
    public static void undoMigrationV28(Connection connection) throws SQLException {
        SortedByColumnTest.undoMigrationV31(connection);
        Sql.update(connection, "DROP INDEX mailbox_message_flagged");
        Sql.update(connection, "DELETE FROM flyway_schema_history WHERE version = '28'");
    }

    /** The entries the index of flagged entries holds, read from the index alone; -1 when there is no such index. */
    private static long indexedEntries(Database database) throws Exception {
        return database.read(connection -> {
            if (connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                // PostgreSQL cannot be told to read an index: its definition says which entries it holds
                if (Sql.count(connection, "SELECT count(*) FROM pg_indexes WHERE indexname = 'mailbox_message_flagged' "
                        + "AND indexdef LIKE '%(mailbox_id, uid) WHERE (flagged = 1)'") == 0) {
                    return -1L;
                }
                return Sql.count(connection, "SELECT count(*) FROM mailbox_message WHERE flagged = 1");
            }
            if (Sql.count(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'mailbox_message_flagged'") == 0) {
                return -1L;
            }
            return Sql.count(connection, "SELECT count(*) FROM mailbox_message INDEXED BY mailbox_message_flagged "
                + "WHERE mailbox_id > 0 AND flagged = 1");
        });
    }

    private static MessageUid append(SortingColumnsTest.Store inbox, Flags flags) throws Exception {
        return inbox.mailbox.appendMessage(MessageManager.AppendCommand.builder().withFlags(flags).build(MESSAGE), inbox.session)
            .getId().getUid();
    }

    private static List<MessageUid> search(SortingColumnsTest.Store inbox, SearchQuery.Criterion criterion) throws Exception {
        return Flux.from(inbox.mailbox.search(SearchQuery.of(criterion), inbox.session)).collectList().block();
    }
}
