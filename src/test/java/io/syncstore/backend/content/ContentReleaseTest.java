package io.syncstore.backend.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;

class ContentReleaseTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    /**
     * Writes committed together run their after-commit actions after the shared commit: the file of content
     * released by one must survive when another stored the same content again.
     */
    @Test
    void contentStoredAgainAfterItsLastReleaseInTheSameCommitKeepsItsFile() throws Exception {
        Database database = databases.open();
        ContentStore store = new ContentStore(database);
        byte[] bytes = new byte[200_000];
        Arrays.fill(bytes, (byte) 'x');
        PreparedContent first = store.prepare(bytes);
        database.write(connection -> {
            store.reference(connection, first);
            return null;
        });

        PreparedContent again = store.prepare(bytes);
        database.write(connection -> {
            store.release(connection, first.hash());
            store.reference(connection, again);
            return null;
        });

        try (InputStream content = store.open(first.hash())) {
            assertThat(content.readAllBytes()).isEqualTo(bytes);
        }
    }
}
