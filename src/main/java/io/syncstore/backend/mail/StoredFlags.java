package io.syncstore.backend.mail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import javax.mail.Flags;
import javax.mail.Flags.Flag;

import org.apache.james.mailbox.FlagsBuilder;
import org.apache.james.mailbox.model.MessageRange;

import com.fasterxml.jackson.core.type.TypeReference;

import io.syncstore.api.FlagRows;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.MessageSql;

/** Flags as stored in a mailbox entry: one 0/1 column per system flag, user flags as a sorted JSON array. */
final class StoredFlags {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final List<Flag> SYSTEM_FLAGS = List.of(Flag.ANSWERED, Flag.DELETED, Flag.DRAFT, Flag.FLAGGED, Flag.RECENT, Flag.SEEN);
    private static final List<String> SYSTEM_COLUMNS = List.of("answered", "deleted", "draft", "flagged", "recent", "seen");
    /** In {@link MessageSql#FLAG_ROWS_IN_RANGE}'s packed number: the row's keywords are worth reading. */
    private static final long HAS_KEYWORDS = 64;
    private static final int SYSTEM_FLAG_BITS = 63;

    private StoredFlags() {
    }

    static Flags read(ResultSet row) throws SQLException {
        FlagsBuilder builder = FlagsBuilder.builder();
        for (int i = 0; i < SYSTEM_FLAGS.size(); i++) {
            if (row.getInt(SYSTEM_COLUMNS.get(i)) == 1) {
                builder.add(SYSTEM_FLAGS.get(i));
            }
        }
        String userFlags = row.getString("user_flags");
        if (userFlags != null) {
            builder.add(readUserFlags(userFlags).toArray(String[]::new));
        }
        return builder.build();
    }

    /** The rows of {@link MessageSql#FLAG_ROWS_IN_RANGE} for a range of a mailbox, their modseqs 0 unless asked for. */
    static FlagRows rowsInRange(Connection connection, long mailboxId, MessageRange range, boolean withModSeq) throws SQLException {
        String query = withModSeq ? MessageSql.FLAG_ROWS_WITH_MODSEQ_IN_RANGE : MessageSql.FLAG_ROWS_IN_RANGE;
        return rows(connection, withModSeq, query, mailboxId, range.getUidFrom().asLong(), range.getUidTo().asLong());
    }

    /** The rows of {@link MessageSql#FLAG_ROWS_CHANGED_SINCE}: those whose modseq is above {@code modSeq}. */
    static FlagRows rowsChangedSince(Connection connection, long mailboxId, long modSeq) throws SQLException {
        return rows(connection, true, MessageSql.FLAG_ROWS_CHANGED_SINCE, mailboxId, modSeq);
    }

    private static FlagRows rows(Connection connection, boolean withModSeq, String query, Object... parameters) throws SQLException {
        FlagRows rows = new FlagRows();
        int userFlagsColumn = withModSeq ? 3 : 2;
        try (PreparedStatement statement = Sql.prepare(connection, query, parameters);
             ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                long packed = row.getLong(1);
                String[] keywords = (packed & HAS_KEYWORDS) == 0 ? null : keywords(row.getString(userFlagsColumn));
                rows.add(packed >>> 7, withModSeq ? row.getLong(2) : 0, (int) packed & SYSTEM_FLAG_BITS, keywords);
            }
        }
        return rows;
    }

    private static String[] keywords(String userFlags) throws SQLException {
        String[] keywords = readUserFlags(userFlags).toArray(String[]::new);
        return keywords.length == 0 ? null : keywords;
    }

    static List<String> readUserFlags(String json) throws SQLException {
        return JsonColumns.read(json, STRINGS, "user_flags");
    }

    /** Values of the columns answered, deleted, draft, flagged, recent, seen and user_flags, in that order. */
    static Object[] columns(Flags flags) {
        Object[] columns = new Object[SYSTEM_FLAGS.size() + 1];
        for (int i = 0; i < SYSTEM_FLAGS.size(); i++) {
            columns[i] = flags.contains(SYSTEM_FLAGS.get(i)) ? 1 : 0;
        }
        String[] userFlags = flags.getUserFlags();
        Arrays.sort(userFlags);
        columns[SYSTEM_FLAGS.size()] = userFlags.length == 0 ? null : JsonColumns.write(userFlags);
        return columns;
    }
}
