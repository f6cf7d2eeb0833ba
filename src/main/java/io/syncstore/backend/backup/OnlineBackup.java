package io.syncstore.backend.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.inject.Inject;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.content.FileDeletionHold;
import io.syncstore.backend.db.Database;

/**
 * A backup of the running store into a folder: a copy of the database as of one moment and every content file that
 * copy refers to, under {@value #CONTENT} by hash. Backing up into the same folder again copies only the content
 * files it does not hold yet, and replaces the database copy only once the files it needs are there, so that the
 * folder always holds one complete backup.
 *
 * <p>Content is written before the row that refers to it commits, so a file the copy refers to was in place when
 * the copy began; content files are kept from deletion from before the copy begins until they are copied.
 */
public final class OnlineBackup {
    public static final String CONTENT = "content";
    private static final String LOCK = ".backup.lock";

    /** How content files reach the backup. */
    public enum ContentCopy {
        /** Copies the bytes: the backup survives the loss of the store's disk. */
        COPY,
        /** Hard-links the store's files where the backup is on the same file system, copies elsewhere. */
        LINK
    }

    private final Database database;
    private final ContentStore contentStore;
    private final DatabaseCopies copies;
    private final Path contentDirectory;

    @Inject
    public OnlineBackup(Database database, ContentStore contentStore) {
        this(database, contentStore, new SqliteCopies());
    }

    OnlineBackup(Database database, ContentStore contentStore, DatabaseCopies copies) {
        this.database = database;
        this.contentStore = contentStore;
        this.copies = copies;
        this.contentDirectory = database.configuration().contentDirectory();
    }

    public void backUp(Path target, ContentCopy mode, BackupProgress progress) throws BackupException {
        if (database.dialect().sharedByNodes()) {
            throw new BackupException("A PostgreSQL store is backed up with PostgreSQL's own tools (pg_dump, "
                + "pg_basebackup): it holds all the content; see docs/operations.md");
        }
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new BackupException("Cannot create the backup folder " + target + ": " + e, e);
        }
        try (FileChannel lockChannel = FileChannel.open(target.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(lockChannel, target)) {
            backUpLocked(target, mode, progress);
        } catch (IOException e) {
            throw new BackupException("Backup into " + target + " failed: " + e, e);
        }
    }

    private void backUpLocked(Path target, ContentCopy mode, BackupProgress progress) throws BackupException, IOException {
        Path partial = target.resolve(copies.fileName() + ".partial");
        Files.deleteIfExists(partial);
        Set<String> referenced;
        try (FileDeletionHold.Hold hold = contentStore.holdFileDeletions()) {
            copies.copy(database, partial);
            referenced = copies.fileBackedContent(partial);
            progress.contentFiles(referenced.size());
            Set<Path> written = new HashSet<>();
            for (String hash : referenced) {
                copyContent(hash, target.resolve(CONTENT), mode, progress).ifPresent(written::add);
            }
            for (Path directory : written) {
                ContentFiles.force(directory);
            }
        }
        ContentFiles.force(partial);
        Files.move(partial, target.resolve(copies.fileName()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        ContentFiles.force(target);
        removeUnreferenced(target.resolve(CONTENT), referenced, progress);
    }

    /** Returns the folder written to, if the file was not there already. */
    private Optional<Path> copyContent(String hash, Path targetContent, ContentCopy mode, BackupProgress progress)
            throws IOException, BackupException {
        Path source = contentDirectory.resolve(ContentStore.relativeFileOf(hash));
        Path target = targetContent.resolve(ContentStore.relativeFileOf(hash));
        if (Files.isRegularFile(target)) {
            progress.alreadyPresent();
            return Optional.empty();
        }
        if (!Files.isRegularFile(source)) {
            throw new BackupException("The content file " + source + " that the database refers to is missing from the store");
        }
        if (mode != ContentCopy.LINK || !ContentFiles.link(source, target)) {
            ContentFiles.copy(source, target);
        }
        progress.copied(Files.size(target));
        return Optional.of(target.getParent());
    }

    private static void removeUnreferenced(Path targetContent, Set<String> referenced, BackupProgress progress) throws IOException {
        if (!Files.isDirectory(targetContent)) {
            return;
        }
        List<Path> unreferenced;
        try (Stream<Path> files = Files.walk(targetContent)) {
            unreferenced = files.filter(Files::isRegularFile)
                .filter(file -> !referenced.contains(file.getFileName().toString()))
                .collect(Collectors.toList());
        }
        for (Path file : unreferenced) {
            Files.deleteIfExists(file);
            progress.removed();
        }
    }

    private static FileLock tryLock(FileChannel channel, Path target) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IOException("another backup into " + target + " is running");
        }
        return lock;
    }
}
