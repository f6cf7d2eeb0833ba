package io.syncstore.backend.content;

import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.apache.james.mailbox.exception.MailboxException;

/**
 * Where content above the inline threshold lives: files beside an SQLite database, chunks inside a PostgreSQL one
 * (which every node sharing it reads). All methods but {@link #open} run inside the write that changes the content.
 */
interface LargeContent {
    /** Stores new content from its staging file. */
    void store(Connection connection, String hash, Path staged) throws SQLException;

    /** The content was already stored; its staging file is not needed. */
    void alreadyStored(Path staged);

    /** The last reference to the content was dropped and its row deleted. */
    void deleted(String hash);

    InputStream open(String hash) throws MailboxException;

    /** Until it is closed, no deletion may remove what a copy of the database taken meanwhile refers to. */
    FileDeletionHold.Hold holdDeletions();
}
