package io.syncstore.backend.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.content.PreparedContent;
import io.syncstore.backend.db.Database;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;

class OnlineBackupTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path folder;

    @Test
    void aRestoredBackupHoldsEveryContentOfTheStore() throws Exception {
        Database database = databases.open(TestDatabases.configurationIn(folder.resolve("live"), SyncPolicy.NORMAL));
        ContentStore store = new ContentStore(database);
        String large = stored(database, store, bytes('a', 300_000));
        String otherLarge = stored(database, store, bytes('b', 100_000));
        String small = stored(database, store, bytes('c', 10));

        new OnlineBackup(database, store).backUp(folder.resolve("backup"), OnlineBackup.ContentCopy.COPY, new BackupProgress());
        SyncStoreConfiguration restored = TestDatabases.configurationIn(folder.resolve("restored"), SyncPolicy.NORMAL);
        int files = new BackupRestore().restore(folder.resolve("backup"), restored);

        assertThat(files).isEqualTo(2);
        ContentStore restoredStore = new ContentStore(databases.open(restored));
        assertThat(read(restoredStore, large)).isEqualTo(bytes('a', 300_000));
        assertThat(read(restoredStore, otherLarge)).isEqualTo(bytes('b', 100_000));
        assertThat(read(restoredStore, small)).isEqualTo(bytes('c', 10));
    }

    /** The last reference to a content goes while the backup copies files: the file its database copy needs stays. */
    @Test
    void contentReleasedAfterTheDatabaseCopyBeganIsInTheBackup() throws Exception {
        Database database = databases.open(TestDatabases.configurationIn(folder.resolve("live"), SyncPolicy.NORMAL));
        ContentStore store = new ContentStore(database);
        String large = stored(database, store, bytes('a', 300_000));
        Path liveFile = database.configuration().contentDirectory().resolve(ContentStore.relativeFileOf(large));
        SqliteCopies sqlite = new SqliteCopies();
        DatabaseCopies releasingAfterCopy = new DatabaseCopies() {
            @Override
            public String fileName() {
                return sqlite.fileName();
            }

            @Override
            public void copy(Database live, Path file) throws BackupException {
                sqlite.copy(live, file);
                release(database, store, large);
                assertThat(liveFile).as("file of released content while a backup runs").exists();
            }

            @Override
            public Set<String> fileBackedContent(Path copy) throws BackupException {
                return sqlite.fileBackedContent(copy);
            }

            @Override
            public void verify(Path copy) throws BackupException {
                sqlite.verify(copy);
            }
        };

        new OnlineBackup(database, store, releasingAfterCopy).backUp(folder.resolve("backup"), OnlineBackup.ContentCopy.COPY, new BackupProgress());

        assertThat(liveFile).as("file of released content after the backup").doesNotExist();
        SyncStoreConfiguration restored = TestDatabases.configurationIn(folder.resolve("restored"), SyncPolicy.NORMAL);
        new BackupRestore().restore(folder.resolve("backup"), restored);
        assertThat(read(new ContentStore(databases.open(restored)), large)).isEqualTo(bytes('a', 300_000));
    }

    /**
     * Writers store and release large content all the time while backups into one folder follow each other: every
     * backup restores, each content file its database refers to present with the right bytes (the restore checks
     * their hashes).
     */
    @Test
    void backupsTakenWhileContentComesAndGoesAreAlwaysComplete() throws Exception {
        Database database = databases.open(TestDatabases.configurationIn(folder.resolve("live"), SyncPolicy.NORMAL));
        ContentStore store = new ContentStore(database);
        OnlineBackup backup = new OnlineBackup(database, store);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(3);
        List<Future<?>> load = new ArrayList<>();
        for (int writer = 0; writer < 3; writer++) {
            char fill = (char) ('a' + writer);
            load.add(writers.submit(() -> {
                for (int n = 0; running.get(); n++) {
                    byte[] bytes = bytes(fill, 70_000 + n % 50);
                    String hash = stored(database, store, bytes);
                    if (n % 3 != 0) {
                        release(database, store, hash);
                    }
                }
                return null;
            }));
        }
        try {
            for (int round = 0; round < 6; round++) {
                backup.backUp(folder.resolve("backup"), OnlineBackup.ContentCopy.COPY, new BackupProgress());
                SyncStoreConfiguration restored = TestDatabases.configurationIn(folder.resolve("restored-" + round), SyncPolicy.NORMAL);
                new BackupRestore().restore(folder.resolve("backup"), restored);
            }
        } finally {
            running.set(false);
            writers.shutdown();
        }
        for (Future<?> writer : load) {
            writer.get();
        }
    }

    @Test
    void backingUpIntoTheSameFolderAgainCopiesOnlyNewContentAndDropsReleasedContent() throws Exception {
        Database database = databases.open(TestDatabases.configurationIn(folder.resolve("live"), SyncPolicy.NORMAL));
        ContentStore store = new ContentStore(database);
        OnlineBackup backup = new OnlineBackup(database, store);
        String first = stored(database, store, bytes('a', 300_000));
        String second = stored(database, store, bytes('b', 300_000));
        backup.backUp(folder.resolve("backup"), OnlineBackup.ContentCopy.COPY, new BackupProgress());

        release(database, store, first);
        String third = stored(database, store, bytes('c', 200_000));
        BackupProgress again = new BackupProgress();
        backup.backUp(folder.resolve("backup"), OnlineBackup.ContentCopy.COPY, again);

        assertThat(again.contentFiles()).isEqualTo(2);
        assertThat(again.copiedFiles()).isEqualTo(1);
        assertThat(again.copiedBytes()).isEqualTo(200_000);
        assertThat(again.presentFiles()).isEqualTo(1);
        assertThat(again.removedFiles()).isEqualTo(1);
        assertThat(contentFilesIn(folder.resolve("backup"))).containsExactlyInAnyOrder(second, third);
    }

    @Test
    void linkedBackupsShareTheStoresFiles() throws Exception {
        Database database = databases.open(TestDatabases.configurationIn(folder.resolve("live"), SyncPolicy.NORMAL));
        ContentStore store = new ContentStore(database);
        String large = stored(database, store, bytes('a', 300_000));

        new OnlineBackup(database, store).backUp(folder.resolve("backup"), OnlineBackup.ContentCopy.LINK, new BackupProgress());

        Path live = database.configuration().contentDirectory().resolve(ContentStore.relativeFileOf(large));
        Path backedUp = folder.resolve("backup").resolve(OnlineBackup.CONTENT).resolve(ContentStore.relativeFileOf(large));
        assertThat(Files.isSameFile(live, backedUp)).isTrue();
    }

    @Test
    void aRestoreRefusesAnExistingStoreAndADamagedContentFile() throws Exception {
        Database database = databases.open(TestDatabases.configurationIn(folder.resolve("live"), SyncPolicy.NORMAL));
        ContentStore store = new ContentStore(database);
        String large = stored(database, store, bytes('a', 300_000));
        new OnlineBackup(database, store).backUp(folder.resolve("backup"), OnlineBackup.ContentCopy.COPY, new BackupProgress());

        assertThatThrownBy(() -> new BackupRestore().restore(folder.resolve("backup"), database.configuration()))
            .isInstanceOf(BackupException.class)
            .hasMessageContaining(database.configuration().databaseFile().toString());

        Files.write(folder.resolve("backup").resolve(OnlineBackup.CONTENT).resolve(ContentStore.relativeFileOf(large)), bytes('x', 300_000));
        SyncStoreConfiguration restored = TestDatabases.configurationIn(folder.resolve("restored"), SyncPolicy.NORMAL);
        assertThatThrownBy(() -> new BackupRestore().restore(folder.resolve("backup"), restored))
            .isInstanceOf(BackupException.class)
            .hasMessageContaining("damaged");
        assertThat(restored.databaseFile()).doesNotExist();
    }

    private static String stored(Database database, ContentStore store, byte[] bytes) throws Exception {
        PreparedContent content = store.prepare(bytes);
        database.write(connection -> {
            store.reference(connection, content);
            return null;
        });
        return content.hash();
    }

    private static void release(Database database, ContentStore store, String hash) {
        try {
            database.write(connection -> {
                store.release(connection, hash);
                return null;
            });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] read(ContentStore store, String hash) throws Exception {
        try (InputStream input = store.open(hash)) {
            return input.readAllBytes();
        }
    }

    private static byte[] bytes(char fill, int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) fill);
        return bytes;
    }

    private static Set<String> contentFilesIn(Path backup) throws Exception {
        try (var files = Files.walk(backup.resolve(OnlineBackup.CONTENT))) {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString())
                .collect(Collectors.toSet());
        }
    }
}
