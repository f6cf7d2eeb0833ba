package io.syncstore.backend.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.TestDatabases;
import io.syncstore.config.SyncPolicy;

class InlineThresholdTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path folder;

    @Test
    void theLargestThresholdKeepsEveryContentInTheDatabase() throws Exception {
        ContentStore store = new ContentStore(databases.open(TestDatabases.configurationIn(folder, SyncPolicy.NORMAL)
            .toBuilder()
            .inlineContentThreshold(Integer.MAX_VALUE)
            .build()));

        PreparedContent content = store.prepare(new byte[1024 * 1024]);

        assertThat(content.inlineBytes()).hasValueSatisfying(bytes -> assertThat(bytes).hasSize(1024 * 1024));
        assertThat(content.stagedFile()).isEmpty();
        assertThat(folder.resolve("content").toFile().list()).isNullOrEmpty();
    }
}
