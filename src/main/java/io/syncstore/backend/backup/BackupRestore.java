package io.syncstore.backend.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.config.SyncStoreConfiguration;

/**
 * Puts a backup in place of a store that does not exist yet (the server is stopped, its database file absent):
 * the database copy is checked, every content file it refers to is copied and its hash checked, and the database
 * comes last, so that an interrupted restore leaves no database that lacks its files.
 */
public final class BackupRestore {
    private final DatabaseCopies copies;

    public BackupRestore() {
        this(new SqliteCopies());
    }

    BackupRestore(DatabaseCopies copies) {
        this.copies = copies;
    }

    /** Restores {@code backup} to the places {@code configuration} names; returns the number of content files. */
    public int restore(Path backup, SyncStoreConfiguration configuration) throws BackupException {
        Path copy = backup.resolve(copies.fileName());
        Path databaseFile = configuration.databaseFile().toAbsolutePath();
        if (!Files.isRegularFile(copy)) {
            throw new BackupException("No backup in " + backup + ": " + copy + " is missing");
        }
        if (Files.exists(databaseFile)) {
            throw new BackupException("A restore needs a new store, but the database " + databaseFile
                + " exists (the <database> of " + SyncStoreConfiguration.FILE_NAME + "): move it away first");
        }
        copies.verify(copy);
        Set<String> referenced = copies.fileBackedContent(copy);
        try {
            for (String hash : referenced) {
                restoreContent(backup, configuration.contentDirectory(), hash);
            }
            Files.createDirectories(databaseFile.getParent());
            Path partial = databaseFile.resolveSibling(databaseFile.getFileName() + ".restoring");
            ContentFiles.copy(copy, partial);
            Files.move(partial, databaseFile, StandardCopyOption.ATOMIC_MOVE);
            ContentFiles.force(databaseFile.getParent());
        } catch (IOException e) {
            throw new BackupException("Restore of " + backup + " failed: " + e, e);
        }
        return referenced.size();
    }

    private static void restoreContent(Path backup, Path contentDirectory, String hash) throws IOException, BackupException {
        Path source = backup.resolve(OnlineBackup.CONTENT).resolve(ContentStore.relativeFileOf(hash));
        Path target = contentDirectory.resolve(ContentStore.relativeFileOf(hash));
        if (!Files.isRegularFile(source)) {
            throw new BackupException("The backup " + backup + " lacks the content file " + source);
        }
        String copied = ContentFiles.copy(source, target);
        if (!copied.equals(hash)) {
            Files.delete(target);
            throw new BackupException("The content file " + source + " of the backup is damaged (its SHA-256 is " + copied + ")");
        }
    }
}
