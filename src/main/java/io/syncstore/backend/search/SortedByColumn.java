package io.syncstore.backend.search;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;

import io.syncstore.api.MessageSortOrder;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.model.SyncStoreMailboxId;

import reactor.core.publisher.Mono;

/**
 * SORT of one key ordered by the database over the {@link SortingColumns} (schema V20): only each message's UID and
 * mod-sequence come back. The rows are those of the mailbox's UID span; SQLite and PostgreSQL sort them (an index on
 * a column of {@code message} would order the messages of every mailbox, not those of one).
 */
public class SortedByColumn implements MessageSortOrder {
    private static final String IN_SPAN = "SELECT e.uid, e.modseq FROM mailbox_message e JOIN message m ON m.id = e.message_id "
        + "WHERE e.mailbox_id = ? AND e.uid BETWEEN ? AND ? AND m.sort_subject IS NOT NULL ORDER BY ";

    private final Database database;

    @Inject
    public SortedByColumn(Database database) {
        this.database = database;
    }

    @Override
    public Mono<Optional<LinkedHashMap<MessageUid, ModSeq>>> order(MessageManager mailbox, Collection<MessageUid> uids,
                                                                  Key key, boolean reverse, MailboxSession session) {
        if (!(mailbox.getId() instanceof SyncStoreMailboxId)) {
            return Mono.just(Optional.empty());
        }
        if (uids.isEmpty()) {
            return Mono.just(Optional.of(new LinkedHashMap<>()));
        }
        long mailboxId = ((SyncStoreMailboxId) mailbox.getId()).value();
        Set<MessageUid> wanted = new HashSet<>(uids);
        long lowest = uids.stream().mapToLong(MessageUid::asLong).min().getAsLong();
        long highest = uids.stream().mapToLong(MessageUid::asLong).max().getAsLong();
        String sql = IN_SPAN + expression(key) + (reverse ? " DESC" : "") + ", e.uid";
        return database.readReactive(connection -> {
            LinkedHashMap<MessageUid, ModSeq> ordered = new LinkedHashMap<>();
            for (Map.Entry<MessageUid, ModSeq> row : Sql.list(connection, sql,
                    result -> Map.entry(MessageUid.of(result.getLong(1)), ModSeq.of(result.getLong(2))), mailboxId, lowest, highest)) {
                if (wanted.contains(row.getKey())) {
                    ordered.put(row.getKey(), row.getValue());
                }
            }
            // a message whose columns are not filled yet (start-up backfill) is not in the rows: the caller orders them
            return ordered.size() == wanted.size() ? Optional.of(ordered) : Optional.empty();
        });
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
