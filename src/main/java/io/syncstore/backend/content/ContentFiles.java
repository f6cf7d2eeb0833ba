package io.syncstore.backend.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.util.Set;

import org.apache.james.mailbox.exception.MailboxException;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.ContentSql;

/** Large content as files under the content directory, named by hash, moved into place by the write that adds it. */
final class ContentFiles implements LargeContent {
    private final Database database;
    private final Path directory;
    private final boolean fsync;
    private final FileDeletionHold deletionHold = new FileDeletionHold();

    ContentFiles(Database database, Path directory, boolean fsync) {
        this.database = database;
        this.directory = directory;
        this.fsync = fsync;
    }

    @Override
    public void store(Connection connection, String hash, Path staged) {
        Path target = fileOf(hash);
        try {
            if (!Files.isDirectory(target.getParent())) {
                Files.createDirectories(target.getParent());
            }
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (fsync) {
                forceDirectory(target.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move content into " + target, e);
        }
    }

    @Override
    public void alreadyStored(Path staged) {
        ContentStore.deleteQuietly(staged);
    }

    @Override
    public void deleted(String hash) {
        database.afterCommit(() -> deleteFileUnlessStoredAgain(hash));
    }

    /**
     * Runs after the commit, on the writer, before any other write: a write of the same group committed after this
     * release may have stored the same content again, and its file is then the one in place.
     */
    private void deleteFileUnlessStoredAgain(String hash) {
        if (deletionHold.deferWhileHeld(hash)) {
            return;
        }
        try {
            if (database.read(connection -> Sql.first(connection, ContentSql.SIZE, row -> true, hash)).isEmpty()) {
                ContentStore.deleteQuietly(fileOf(hash));
            }
        } catch (MailboxException e) {
            // kept: an orphan file costs space only
        }
    }

    /**
     * Deletions asked for while held happen at close, inside a write, so that content stored again since then keeps
     * its file.
     */
    @Override
    public FileDeletionHold.Hold holdDeletions() {
        deletionHold.acquire();
        return () -> deleteUnlessStoredAgain(deletionHold.release());
    }

    private void deleteUnlessStoredAgain(Set<String> hashes) {
        if (hashes.isEmpty()) {
            return;
        }
        try {
            database.write(connection -> {
                for (String hash : hashes) {
                    if (Sql.first(connection, ContentSql.SIZE, row -> true, hash).isEmpty()) {
                        ContentStore.deleteQuietly(fileOf(hash));
                    }
                }
                return null;
            });
        } catch (MailboxException e) {
            // kept: an orphan file costs space only
        }
    }

    @Override
    public InputStream open(String hash) throws MailboxException {
        try {
            return Files.newInputStream(fileOf(hash));
        } catch (IOException e) {
            throw new MailboxException("Cannot read content " + hash + ": " + e.getMessage(), e);
        }
    }

    private Path fileOf(String hash) {
        return directory.resolve(relativeFileOf(hash));
    }

    static Path relativeFileOf(String hash) {
        return Path.of(hash.substring(0, 2), hash.substring(2, 4), hash);
    }

    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
