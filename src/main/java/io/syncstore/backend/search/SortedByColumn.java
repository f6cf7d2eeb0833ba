package io.syncstore.backend.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;

import io.syncstore.api.MessageSortOrder;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.sql.MessageSql;

import reactor.core.publisher.Mono;

/**
 * SORT ordered by the database over the {@link SortingColumns}' narrow copy (schema V25): only each message's UID and
 * mod-sequence come back. The rows are those of the mailbox's UID span; SQLite and PostgreSQL sort them (an index on
 * a column of {@code message_sorting} would order the messages of every mailbox, not those of one). SORT by ARRIVAL,
 * DATE, SUBJECT or FROM alone, without mod-sequences, reads the UIDs in the order of the mailbox's index of that key
 * (V26, V31) instead.
 */
public class SortedByColumn implements MessageSortOrder {
    /** A message without its copy has mod-sequence -1: a third column cost a fifth of a SORT's reading of rows. */
    private static final String IN_SPAN = "SELECT e.uid, CASE WHEN m.message_id IS NULL THEN -1 ELSE e.modseq END "
        + "FROM mailbox_message e "
        + "LEFT JOIN message_sorting m ON m.message_id = e.message_id "
        + "WHERE e.mailbox_id = ? AND e.uid BETWEEN ? AND ? ORDER BY ";
    /**
     * The whole mailbox in the order of an index of {@code mailbox_message_sorting} (V26), the UIDs read from the index
     * alone: about a sixth per row of what reading and sorting the span costs, so taken only when the SORT asks for
     * more than a sixth of the mailbox's messages ({@link #INDEX_ROW_SHARE}).
     */
    private static final String BY_INDEXED_KEY = "SELECT uid FROM mailbox_message_sorting WHERE mailbox_id = ? ORDER BY ";
    private static final int INDEX_ROW_SHARE = 6;
    /** Whether an entry of the span has no row in {@code mailbox_message_sorting} yet (the start-up fill). */
    private static final String UNCOPIED_IN_SPAN = "SELECT 1 FROM mailbox_message e WHERE e.mailbox_id = ? "
        + "AND e.uid BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM mailbox_message_sorting k "
        + "WHERE k.mailbox_id = e.mailbox_id AND k.uid = e.uid) LIMIT 1";
    private static final long[] NO_MOD_SEQS = new long[0];

    private final Database database;

    @Inject
    public SortedByColumn(Database database) {
        this.database = database;
    }

    @Override
    public Mono<Optional<Ordered>> order(MessageManager mailbox, long[] uids, List<Criterion> criteria,
                                         boolean modSeqsWanted, MailboxSession session) {
        if (!(mailbox.getId() instanceof SyncStoreMailboxId)) {
            return Mono.just(Optional.empty());
        }
        if (uids.length == 0) {
            return Mono.just(Optional.of(new Ordered(uids, new int[0], uids)));
        }
        long mailboxId = ((SyncStoreMailboxId) mailbox.getId()).value();
        String spanSql = IN_SPAN + criteria.stream()
            .map(criterion -> expression(criterion.key()) + (criterion.reverse() ? " DESC" : ""))
            .collect(Collectors.joining(", ")) + ", e.uid";
        if (!modSeqsWanted && criteria.size() == 1 && indexedColumn(criteria.get(0).key()).isPresent()) {
            Criterion criterion = criteria.get(0);
            String indexSql = BY_INDEXED_KEY + indexedColumn(criterion.key()).get()
                + (criterion.reverse() ? " DESC" : "") + ", uid";
            return database.readReactive(connection -> mostOfTheMailbox(connection, mailboxId, uids.length)
                ? byIndex(connection, indexSql, mailboxId, uids)
                : inSpan(connection, spanSql, mailboxId, uids));
        }
        return database.readReactive(connection -> inSpan(connection, spanSql, mailboxId, uids));
    }

    private static boolean mostOfTheMailbox(Connection connection, long mailboxId, int sorted) throws SQLException {
        long messages = Sql.first(connection, MessageSql.COUNTERS, row -> row.getLong("message_count"), mailboxId)
            .orElse(0L);
        return (long) sorted * INDEX_ROW_SHARE >= messages;
    }

    private static Optional<Ordered> inSpan(Connection connection, String sql, long mailboxId, long[] uids)
            throws SQLException {
        int[] ordered = new int[uids.length];
        long[] modSeqs = new long[uids.length];
        int found = 0;
        try (PreparedStatement statement = Sql.prepare(connection, sql, mailboxId, uids[0], uids[uids.length - 1]);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                int position = Arrays.binarySearch(uids, rows.getLong(1));
                if (position >= 0) {
                    long modSeq = rows.getLong(2);
                    if (modSeq < 0) {
                        // its columns are not filled yet (the start-up fill): the caller orders them all
                        return Optional.empty();
                    }
                    ordered[found] = position;
                    modSeqs[found++] = modSeq;
                }
            }
        }
        // a UID the connection knows but the mailbox no longer holds (an expunge not told yet) is left out
        return Optional.of(new Ordered(uids, Arrays.copyOf(ordered, found), Arrays.copyOf(modSeqs, found)));
    }

    private static Optional<Ordered> byIndex(Connection connection, String sql, long mailboxId, long[] uids)
            throws SQLException {
        int[] ordered = new int[uids.length];
        int found = 0;
        try (PreparedStatement statement = Sql.prepare(connection, sql, mailboxId);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                int position = Arrays.binarySearch(uids, rows.getLong(1));
                if (position >= 0) {
                    ordered[found++] = position;
                }
            }
        }
        if (found < uids.length
            && Sql.first(connection, UNCOPIED_IN_SPAN, row -> 1, mailboxId, uids[0], uids[uids.length - 1]).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Ordered(uids, Arrays.copyOf(ordered, found), NO_MOD_SEQS));
    }

    /** The column of {@code mailbox_message_sorting} that an index orders per mailbox, for the keys it copies. */
    private Optional<String> indexedColumn(Key key) {
        switch (key) {
            case ARRIVAL: return Optional.of("arrival");
            case DATE: return Optional.of("sent");
            case SUBJECT: return Optional.of(text("sort_subject"));
            case FROM: return Optional.of(text("sort_from"));
            default: return Optional.empty();
        }
    }

    private String expression(Key key) {
        switch (key) {
            case ARRIVAL: return "m.internal_date";
            case DATE: return "COALESCE(m.sort_sent, m.internal_date)";
            case SIZE: return "m.size";
            case SUBJECT: return text("m.sort_subject");
            case FROM: return text("m.sort_from");
            case TO: return text("m.sort_to");
            case CC: return text("m.sort_cc");
            case DISPLAYFROM: return text("m.sort_display_from");
            case DISPLAYTO: return text("m.sort_display_to");
            default: throw new IllegalArgumentException("Unknown sort key " + key);
        }
    }

    private String text(String column) {
        return column + database.dialect().byCodePoint();
    }
}
