package io.syncstore.backend.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

import org.apache.james.mailbox.exception.MailboxException;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.ContentSql;

/**
 * Large content as numbered chunks in the database, so that every node sharing it reads the same content. Written
 * from the staging file and read back one chunk at a time: a large part is never whole in memory.
 */
final class ContentChunks implements LargeContent {
    static final int CHUNK_SIZE = 256 * 1024;

    private final Database database;

    ContentChunks(Database database) {
        this.database = database;
    }

    @Override
    public void store(Connection connection, String hash, Path staged) throws SQLException {
        try (InputStream input = Files.newInputStream(staged);
             PreparedStatement insert = connection.prepareStatement(ContentSql.INSERT_CHUNK)) {
            int position = 0;
            byte[] chunk;
            while ((chunk = input.readNBytes(CHUNK_SIZE)).length > 0) {
                insert.setString(1, hash);
                insert.setInt(2, position++);
                insert.setBytes(3, chunk);
                insert.executeUpdate();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read staged content " + staged, e);
        }
        deleteAfterCommit(staged);
    }

    /** The staging file stays until the commit: a write retried after a conflict stores it again. */
    @Override
    public void alreadyStored(Path staged) {
        deleteAfterCommit(staged);
    }

    private void deleteAfterCommit(Path staged) {
        database.afterCommit(() -> ContentStore.deleteQuietly(staged));
    }

    /** The chunks went with the content row (ON DELETE CASCADE). */
    @Override
    public void deleted(String hash) {
    }

    @Override
    public FileDeletionHold.Hold holdDeletions() {
        // chunks go with their row, in the same transaction: a snapshot of the database holds them
        return () -> { };
    }

    @Override
    public InputStream open(String hash) {
        return new ChunkStream(hash);
    }

    private Optional<byte[]> chunk(String hash, int position) throws MailboxException {
        return database.read(connection -> Sql.first(connection, ContentSql.READ_CHUNK, row -> row.getBytes(1), hash, position));
    }

    private final class ChunkStream extends InputStream {
        private final String hash;
        private int nextPosition;
        private byte[] chunk = new byte[0];
        private int offset;
        private boolean ended;

        ChunkStream(String hash) {
            this.hash = hash;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int from, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (offset == chunk.length && !fetchNext()) {
                return -1;
            }
            int count = Math.min(length, chunk.length - offset);
            System.arraycopy(chunk, offset, buffer, from, count);
            offset += count;
            return count;
        }

        private boolean fetchNext() throws IOException {
            if (ended) {
                return false;
            }
            try {
                Optional<byte[]> next = chunk(hash, nextPosition);
                if (next.isEmpty()) {
                    if (nextPosition == 0) {
                        throw new IOException("Content " + hash + " is missing from the store");
                    }
                    ended = true;
                    return false;
                }
                nextPosition++;
                chunk = next.get();
                offset = 0;
                return chunk.length > 0 || fetchNext();
            } catch (MailboxException e) {
                throw new IOException("Cannot read content " + hash + ": " + e.getMessage(), e);
            }
        }
    }
}
