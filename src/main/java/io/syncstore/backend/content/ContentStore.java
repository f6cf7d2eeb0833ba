package io.syncstore.backend.content;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.james.mailbox.exception.MailboxException;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.ContentSql;
import io.syncstore.config.SyncStoreConfiguration;

/**
 * Content addressed by its SHA-256, stored once however many messages refer to it, and freed with its last
 * reference. Parts up to the configured threshold live in the content row; larger ones in files under the content
 * directory on SQLite, in chunks inside the database on PostgreSQL ({@link LargeContent}), so that reading them
 * streams.
 */
public final class ContentStore {
    private static final int COPY_BUFFER = 64 * 1024;

    private final Database database;
    private final Path staging;
    private final int inlineThreshold;
    private final boolean fsyncStaging;
    private final LargeContent large;

    @Inject
    public ContentStore(Database database) {
        SyncStoreConfiguration configuration = database.configuration();
        boolean fsync = configuration.syncPolicy().fsyncsContentFiles();
        this.database = database;
        this.staging = configuration.contentDirectory().resolve("staging");
        this.inlineThreshold = configuration.inlineContentThreshold();
        this.large = database.dialect().sharedByNodes()
            ? new ContentChunks(database)
            : new ContentFiles(database, configuration.contentDirectory(), fsync);
        // Chunks are copied into the database, which makes them durable; only a staged file moved into place must be.
        this.fsyncStaging = fsync && !database.dialect().sharedByNodes();
        clearStaging();
    }

    /** Hashes the content and, when it is large, writes it to a staging file. Call outside any write. */
    public PreparedContent prepare(InputStream content) throws MailboxException {
        try (InputStream input = content) {
            byte[] head = input.readNBytes((int) Math.min(inlineThreshold + 1L, Integer.MAX_VALUE));
            if (head.length <= inlineThreshold) {
                return new PreparedContent(Hashing.sha256().hashBytes(head).toString(), head.length, head, null);
            }
            return stage(head, input);
        } catch (IOException e) {
            throw new MailboxException("Cannot store message content: " + e.getMessage(), e);
        }
    }

    public PreparedContent prepare(byte[] content) throws MailboxException {
        return prepare(new ByteArrayInputStream(content));
    }

    /** Adds a reference to the content, storing it if it is new. Call inside a write. */
    public void reference(Connection connection, PreparedContent content) throws SQLException {
        long references = Sql.first(connection, ContentSql.ADD_REFERENCE, row -> row.getLong(1),
                content.hash(), content.size(), content.inlineBytes().orElse(null))
            .orElseThrow();
        Optional<Path> staged = content.stagedFile();
        if (staged.isPresent()) {
            if (references == 1) {
                large.store(connection, content.hash(), staged.get());
            } else {
                large.alreadyStored(staged.get());
            }
        }
    }

    /** Deletes the staging file of content that was prepared but not referenced (the write failed or was not needed). */
    public void discard(PreparedContent content) {
        content.stagedFile().ifPresent(ContentStore::deleteQuietly);
    }

    /** Drops a reference; the last one deletes the content. Call inside a write. */
    public void release(Connection connection, String hash) throws SQLException {
        Sql.update(connection, ContentSql.DROP_REFERENCE, hash);
        boolean deletedLarge = Sql.first(connection, ContentSql.DELETE_UNREFERENCED, row -> row.getBoolean(1), hash)
            .orElse(false);
        if (deletedLarge) {
            large.deleted(hash);
        }
    }

    /**
     * Keeps every content file in place until the hold is closed, so that a backup finds the files its database
     * snapshot refers to (chunks in the database need no hold).
     */
    public FileDeletionHold.Hold holdFileDeletions() {
        return large.holdDeletions();
    }

    /** Where the file of file-backed content lives, relative to the content directory. */
    public static Path relativeFileOf(String hash) {
        return ContentFiles.relativeFileOf(hash);
    }

    /** Opens the content for reading; large content streams. */
    public InputStream open(String hash) throws MailboxException {
        return opened(hash, database.read(connection -> Sql.first(connection, ContentSql.READ, ContentStore::inlineBytes, hash)));
    }

    /** Opens the content for reading with a connection the caller holds (no second connection from the pool). */
    public InputStream open(Connection connection, String hash) throws SQLException, MailboxException {
        return opened(hash, Sql.first(connection, ContentSql.READ, ContentStore::inlineBytes, hash));
    }

    private InputStream opened(String hash, Optional<Optional<byte[]>> row) throws MailboxException {
        Optional<byte[]> inline = row.orElseThrow(() -> new MailboxException("Content " + hash + " is missing from the store"));
        if (inline.isPresent()) {
            return new ByteArrayInputStream(inline.get());
        }
        return large.open(hash);
    }

    public long size(String hash) throws MailboxException {
        return database.read(connection -> Sql.count(connection, ContentSql.SIZE, hash));
    }

    private static Optional<byte[]> inlineBytes(ResultSet row) throws SQLException {
        if (row.getBoolean("in_file")) {
            return Optional.empty();
        }
        byte[] data = row.getBytes("data");
        return Optional.of(data == null ? new byte[0] : data);
    }

    private PreparedContent stage(byte[] head, InputStream rest) throws IOException {
        if (!Files.isDirectory(staging)) {
            Files.createDirectories(staging);
        }
        Path staged = staging.resolve(UUID.randomUUID().toString());
        Hasher hasher = Hashing.sha256().newHasher();
        long size = 0;
        try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream output = java.nio.channels.Channels.newOutputStream(channel)) {
            hasher.putBytes(head);
            output.write(head);
            size += head.length;
            byte[] buffer = new byte[COPY_BUFFER];
            int read;
            while ((read = rest.read(buffer)) != -1) {
                hasher.putBytes(buffer, 0, read);
                output.write(buffer, 0, read);
                size += read;
            }
            output.flush();
            if (fsyncStaging) {
                channel.force(true);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(staged);
            throw e;
        }
        return new PreparedContent(hasher.hash().toString(), size, null, staged);
    }

    private void clearStaging() {
        if (!Files.isDirectory(staging)) {
            return;
        }
        try (Stream<Path> leftovers = Files.list(staging)) {
            leftovers.forEach(ContentStore::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean " + staging, e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            // an orphan file costs space only; it is never read again
        }
    }
}
