package io.syncstore.backend.backup;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.sqlite.SQLiteConfig;

import io.syncstore.backend.db.Database;

/**
 * Copies of a SQLite database by {@code VACUUM INTO}: it reads the database in one read transaction, which in WAL
 * mode neither blocks the writer nor is disturbed by it, and writes a compact copy of what that transaction sees.
 */
public final class SqliteCopies implements DatabaseCopies {
    public static final String FILE_NAME = "syncstore.db";

    @Override
    public String fileName() {
        return FILE_NAME;
    }

    /** Reads through a connection of its own: the server's read connections are query-only, which VACUUM INTO is not. */
    @Override
    public void copy(Database database, Path file) throws BackupException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout((int) database.configuration().busyTimeout().toMillis());
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database.configuration().databaseFile().toAbsolutePath());
             PreparedStatement statement = connection.prepareStatement("VACUUM INTO ?")) {
            statement.setString(1, file.toAbsolutePath().toString());
            statement.execute();
        } catch (SQLException e) {
            throw new BackupException("Cannot copy the mail database into " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Set<String> fileBackedContent(Path copy) throws BackupException {
        try (Connection connection = open(copy);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT hash FROM content WHERE data IS NULL")) {
            Set<String> hashes = new HashSet<>();
            while (rows.next()) {
                hashes.add(rows.getString(1));
            }
            return hashes;
        } catch (SQLException e) {
            throw new BackupException("Cannot read the database copy " + copy + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void verify(Path copy) throws BackupException {
        List<String> problems = new ArrayList<>();
        try (Connection connection = open(copy);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            while (rows.next()) {
                problems.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new BackupException("Cannot read the database copy " + copy + ": " + e.getMessage(), e);
        }
        if (!problems.equals(List.of("ok"))) {
            throw new BackupException("The database copy " + copy + " is damaged: " + String.join("; ", problems));
        }
    }

    private static Connection open(Path copy) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        return config.createConnection("jdbc:sqlite:" + copy.toAbsolutePath());
    }
}
