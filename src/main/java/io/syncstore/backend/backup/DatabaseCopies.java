package io.syncstore.backend.backup;

import java.nio.file.Path;
import java.util.Set;

import io.syncstore.backend.db.Database;

/**
 * What a backup needs of the database engine: a consistent copy of a running database in one file, and reading
 * such a copy. The copy is of one moment: every row it holds was committed before that moment.
 */
public interface DatabaseCopies {
    /** The name of the copy inside a backup folder. */
    String fileName();

    /** Writes a copy of the running database to {@code file}, which must not exist. */
    void copy(Database database, Path file) throws BackupException;

    /** The content whose bytes live in files (not in the database) that the copy refers to. */
    Set<String> fileBackedContent(Path copy) throws BackupException;

    /** Fails unless the copy is a sound database. */
    void verify(Path copy) throws BackupException;
}
