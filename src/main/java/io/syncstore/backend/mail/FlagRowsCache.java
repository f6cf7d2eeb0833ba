package io.syncstore.backend.mail;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.apache.james.mailbox.model.MessageRange;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import io.syncstore.api.FlagRows;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.ExpungeLogSql;

/**
 * Each mailbox's flag rows (all its entries, with modseqs) as last read, kept between FETCHes with the
 * {@link EntriesVersion} they were read at, so that a repeated {@code UID FETCH 1:* (FLAGS)} reads the mailbox's row
 * instead of every entry. Exact because the version is read first on every call (from the database, so a write of
 * another node counts too) and rows are kept only at a version read before and again after them: equal readings mean
 * no write committed in between, since a version never comes back. After a change, the kept rows are brought up to
 * date from the entries whose modseq is above the kept version's and the expunge log, when the log reaches that far
 * and the result holds as many entries as the mailbox counts (an entry saved with a modseq James allocated before
 * the kept reading is found only by that count); else the mailbox is read whole again.
 */
final class FlagRowsCache {
    /** 24 bytes a row (UID, modseq, flag bits, a keywords reference) besides the keywords themselves. */
    private static final long MAX_ROWS = 1_000_000;
    /** Larger mailboxes are read by range each time: Guava evicts an entry above its segment's share at once. */
    private static final long MAX_ROWS_PER_MAILBOX = 100_000;

    private final Cache<Long, Kept> kept = CacheBuilder.newBuilder()
        .maximumWeight(MAX_ROWS)
        .weigher((Long mailboxId, Kept rows) -> rows.rows.size() + 1)
        .build();

    /** The rows of the range, ascending by UID, their modseqs 0 unless {@code withModSeq}. */
    FlagRows rowsInRange(Connection connection, long mailboxId, MessageRange range, boolean withModSeq) throws SQLException {
        Optional<EntriesVersion> version = EntriesVersion.read(connection, mailboxId);
        if (version.isEmpty() || version.get().messageCount() > MAX_ROWS_PER_MAILBOX) {
            kept.invalidate(mailboxId);
            return StoredFlags.rowsInRange(connection, mailboxId, range, withModSeq);
        }
        Kept last = kept.getIfPresent(mailboxId);
        Optional<FlagRows> rows = last != null && last.version.equals(version.get())
            ? Optional.of(last.rows)
            : current(connection, mailboxId, last, version.get());
        return rows.isPresent()
            ? rows.get().inRange(range.getUidFrom().asLong(), range.getUidTo().asLong(), withModSeq)
            : StoredFlags.rowsInRange(connection, mailboxId, range, withModSeq);
    }

    /**
     * Every row of the mailbox, kept if the version did not move while they were read; empty when it moved and the
     * rows came from more than one statement (so from more than one state of the mailbox).
     */
    private Optional<FlagRows> current(Connection connection, long mailboxId, Kept last, EntriesVersion version) throws SQLException {
        Optional<FlagRows> updated = last == null || !version.logsExpungesSince(last.version)
            ? Optional.empty()
            : updated(connection, mailboxId, last, version);
        FlagRows rows = updated.isPresent() ? updated.get() : StoredFlags.rowsInRange(connection, mailboxId, MessageRange.all(), true);
        if (EntriesVersion.read(connection, mailboxId).equals(Optional.of(version))) {
            kept.put(mailboxId, new Kept(version, rows.inRange(0, Long.MAX_VALUE, true)));
            return Optional.of(rows);
        }
        return updated.isPresent() ? Optional.empty() : Optional.of(rows);
    }

    /** The kept rows with the changes since; empty when an entry is missing from them (see the class comment). */
    private static Optional<FlagRows> updated(Connection connection, long mailboxId, Kept last, EntriesVersion version) throws SQLException {
        long since = last.version.highestModSeq();
        FlagRows changed = StoredFlags.rowsChangedSince(connection, mailboxId, since);
        List<Long> expunged = Sql.list(connection, ExpungeLogSql.EXPUNGED_SINCE, row -> row.getLong(1), mailboxId, since);
        FlagRows merged = merge(last.rows, changed, expunged);
        return merged.size() == version.messageCount() ? Optional.of(merged) : Optional.empty();
    }

    /** The rows of {@code kept} and {@code changed} (which wins for a UID in both) less the {@code expunged} UIDs; all ascending. */
    private static FlagRows merge(FlagRows kept, FlagRows changed, List<Long> expunged) {
        FlagRows merged = new FlagRows();
        int keptRow = 0;
        int changedRow = 0;
        int gone = 0;
        while (keptRow < kept.size() || changedRow < changed.size()) {
            long keptUid = keptRow < kept.size() ? kept.uid(keptRow) : Long.MAX_VALUE;
            long changedUid = changedRow < changed.size() ? changed.uid(changedRow) : Long.MAX_VALUE;
            FlagRows from = changedUid <= keptUid ? changed : kept;
            int row = from == changed ? changedRow++ : keptRow++;
            if (changedUid == keptUid) {
                keptRow++;
            }
            long uid = from.uid(row);
            while (gone < expunged.size() && expunged.get(gone) < uid) {
                gone++;
            }
            if (gone == expunged.size() || expunged.get(gone) != uid) {
                merged.add(uid, from.modSeq(row), from.systemFlags(row), from.keywords(row));
            }
        }
        return merged;
    }

    /** Rows at a version, in arrays of their size. */
    private static final class Kept {
        private final EntriesVersion version;
        private final FlagRows rows;

        private Kept(EntriesVersion version, FlagRows rows) {
            this.version = version;
            this.rows = rows;
        }
    }
}
