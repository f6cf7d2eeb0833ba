package io.syncstore.backend.mail;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;

import io.syncstore.backend.db.Sql;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.sql.ExpungeLogSql;

/**
 * Which UIDs left a mailbox at which modseq, for QRESYNC. Bounded per mailbox: past the retention the oldest
 * records are folded into the mailbox's expunge floor, below which the log no longer answers.
 */
final class ExpungeLog {
    private final int retention;
    private final int trimmedSize;

    ExpungeLog(int retention) {
        this.retention = retention;
        // Trimming walks the log; trimming a tenth more than needed makes it rare instead of once per expunge.
        this.trimmedSize = retention - retention / 10;
    }

    void record(Connection connection, SyncStoreMailboxId mailboxId, List<MessageUid> uids, ModSeq modSeq) throws SQLException {
        Sql.batch(connection, ExpungeLogSql.RECORD, uids.stream()
            .map(uid -> new Object[] {mailboxId.value(), uid.asLong(), modSeq.asLong()})
            .collect(Collectors.toList()));
        if (Sql.count(connection, ExpungeLogSql.SIZE, mailboxId.value()) > retention) {
            trim(connection, mailboxId);
        }
    }

    private void trim(Connection connection, SyncStoreMailboxId mailboxId) throws SQLException {
        Optional<Long> floor = Sql.first(connection, ExpungeLogSql.MODSEQ_AT_RANK, row -> row.getLong(1),
            mailboxId.value(), trimmedSize);
        if (floor.isPresent()) {
            Sql.update(connection, ExpungeLogSql.TRIM, mailboxId.value(), floor.get());
            Sql.update(connection, ExpungeLogSql.RAISE_FLOOR, floor.get(), mailboxId.value(), floor.get());
        }
    }

    static List<MessageUid> expungedSince(Connection connection, SyncStoreMailboxId mailboxId, ModSeq since) throws SQLException {
        return Sql.list(connection, ExpungeLogSql.EXPUNGED_SINCE, row -> MessageUid.of(row.getLong(1)),
            mailboxId.value(), since.asLong());
    }

    static ModSeq floor(Connection connection, SyncStoreMailboxId mailboxId) throws SQLException, MailboxException {
        return Sql.first(connection, ExpungeLogSql.FLOOR, row -> ModSeq.of(row.getLong(1)), mailboxId.value())
            .orElseThrow(() -> new MailboxNotFoundException(mailboxId));
    }

    static void clear(Connection connection, SyncStoreMailboxId mailboxId) throws SQLException {
        Sql.update(connection, ExpungeLogSql.CLEAR, mailboxId.value());
    }
}
