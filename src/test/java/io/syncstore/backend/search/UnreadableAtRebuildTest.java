package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.SearchQuery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;

import reactor.core.publisher.Flux;

/**
 * A message the start-up rebuild cannot read (its content file missing for a while) gets or keeps a row of format 0, so a
 * text key still reads it whole and finds it once it can be read again, without a restart. On SQLite, whose large
 * bodies live in files beside the database.
 */
class UnreadableAtRebuildTest {
    @TempDir
    Path folder;

    /** Its index rows gone (as a migration leaves them), or marked not yet indexed (as a stop before its turn leaves them). */
    @ParameterizedTest
    @ValueSource(strings = {"DELETE FROM message_search", "UPDATE message_search SET format = " + SearchIndexRows.NOT_YET_INDEXED})
    void aMessageTheRebuildCannotReadIsFoundOnceItCanBeRead(String unindexing) throws Exception {
        SyncStoreConfiguration configuration = TestDatabases.sqliteConfigurationIn(folder, SyncPolicy.NORMAL);
        Database before = Database.open(configuration);
        MessageUid uid = new SortingColumnsTest.Store(before).append("Subject: big\r\n\r\n"
            + "lorem ipsum dolor sit amet\r\n".repeat(4_000) + "zanzibar\r\n");
        before.close();
        // Opened without a search index: nothing indexes the message meanwhile
        Database bare = Database.open(configuration);
        bare.write(connection -> {
            Sql.update(connection, "DELETE FROM message_text");
            return Sql.update(connection, unindexing);
        });
        bare.close();
        List<Path> files = contentFiles();
        assertThat(files).hasSize(1);
        Path aside = folder.resolve("aside");
        Files.move(files.get(0), aside);

        Database after = Database.open(configuration);
        try {
            SortingColumnsTest.Store reopened = new SortingColumnsTest.Store(after);
            assertThat(reopened.searchIndex.rebuild().get(60, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(after.<Long>read(connection -> Sql.count(connection,
                "SELECT count(*) FROM message_search WHERE format = 0"))).isEqualTo(1);
            Files.move(aside, files.get(0));

            assertThat(Flux.from(reopened.mailbox.search(SearchQuery.of(SearchQuery.bodyContains("zanzibar")),
                reopened.session)).collectList().block()).containsExactly(uid);
        } finally {
            after.close();
        }
    }

    private List<Path> contentFiles() throws Exception {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile)
                .filter(file -> !file.getFileName().toString().startsWith("mail.db"))
                .collect(Collectors.toList());
        }
    }
}
