package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.james.mailbox.MessageUid;
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

/**
 * A body of several hundred Ki characters of text (a long thread, an HTML newsletter) is indexed whole by the word
 * index, not read again at every text key; an SQLite database whose rows the former limit of 128 Ki left beyond the
 * index has them indexed again after migration V33 (PostgreSQL's V34 has every message indexed again).
 */
class LongBodiesIndexTest {
    /** 300 Ki characters of prose, a word of its own after the first 128 Ki. */
    private static final String LONG = "Subject: newsletter\r\n\r\n" + "lorem ipsum dolor sit amet\r\n".repeat(11_000)
        + "zanzibar\r\n";

    @TempDir
    Path folder;

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Test
    void aBodyOfThreeHundredKiCharactersIsIndexedWhole() throws Exception {
        Database database = databases.open(TestDatabases.configurationIn(folder, SyncPolicy.NORMAL));
        SortingColumnsTest.Store inbox = new SortingColumnsTest.Store(database);
        MessageUid uid = inbox.append(LONG);
        inbox.append("Subject: short\r\n\r\nlorem\r\n");

        assertThat(rowsBeyondTheIndex(database)).isZero();
        assertThat(search(inbox, "zanzibar")).containsExactly(uid);
        database.close();
    }

    @Test
    void rowsBeyondTheFormerLimitAreIndexedAgainAfterV33() throws Exception {
        SyncStoreConfiguration configuration = TestDatabases.sqliteConfigurationIn(folder, SyncPolicy.NORMAL);
        Database before = Database.open(configuration);
        MessageUid uid = new SortingColumnsTest.Store(before).append(LONG);
        before.write(connection -> {
            // as the former limit left it, on a database before V33
            Sql.update(connection, "UPDATE message_search SET body_beyond_index = 1");
            undoMigrationV33(connection);
            return null;
        });
        before.close();

        Database after = Database.open(configuration);
        SortingColumnsTest.Store reopened = new SortingColumnsTest.Store(after);
        assertThat(reopened.searchIndex.rebuild().get(60, TimeUnit.SECONDS)).isEqualTo(1);

        assertThat(rowsBeyondTheIndex(after)).isZero();
        assertThat(search(reopened, "zanzibar")).containsExactly(uid);
        after.close();
    }

    /** The database as it was before V33 (whose rows it does not change back), which runs again at the next opening. */
    static void undoMigrationV33(Connection connection) throws SQLException {
        SearchIndexRebuildTest.undoMigrationV34(connection);
        Sql.update(connection, "DELETE FROM flyway_schema_history WHERE version = '33'");
    }

    private static long rowsBeyondTheIndex(Database database) throws Exception {
        return database.<Long>read(connection -> Sql.count(connection,
            "SELECT count(*) FROM message_search WHERE body_beyond_index = 1 OR format < " + SearchText.FORMAT));
    }

    private static List<MessageUid> search(SortingColumnsTest.Store inbox, String word) throws Exception {
        return Flux.from(inbox.mailbox.search(SearchQuery.of(SearchQuery.bodyContains(word)), inbox.session))
            .collectList().block();
    }
}
