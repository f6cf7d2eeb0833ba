package io.syncstore.backend.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageManager.FlagsUpdateMode;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.api.FlagRows;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.sql.MessageSql;
import io.syncstore.config.SyncPolicy;

/**
 * The flag rows kept between reads catch up by reading only the rows changed since ({@link FlagRowsCache}): on SQLite,
 * whose planner has no statistics, that read must go through the modseq index rather than walk the mailbox in UID
 * order, or every catch-up costs as much as reading the mailbox whole.
 */
class ChangedFlagRowsPlanTest {
    @TempDir
    Path folder;
    private StoreFixture store;
    private Mailbox inbox;

    @BeforeEach
    void fill() throws Exception {
        store = new StoreFixture(Database.open(TestDatabases.sqliteConfigurationIn(folder, SyncPolicy.OFF)));
        inbox = store.createMailbox("INBOX");
        for (int n = 0; n < 200; n++) {
            store.messages.add(inbox, StoreFixture.message(inbox, store.newMessageId(), "body " + n + "\r\n"));
        }
    }

    @AfterEach
    void close() {
        store.database().close();
    }

    @Test
    void theRowsChangedSinceAModSeqAreReadFromTheModSeqIndex() throws Exception {
        long before = store.database().read(connection -> Sql.list(connection, MessageSql.ENTRIES_VERSION,
            row -> row.getLong(1), mailboxId())).get(0);
        List<Long> flagged = List.of(7L, 150L, 151L);
        for (long uid : flagged) {
            store.messages.updateFlags(inbox, new FlagsUpdateCalculator(new Flags(Flags.Flag.FLAGGED), FlagsUpdateMode.ADD),
                MessageRange.one(MessageUid.of(uid)));
        }

        String plan = store.database().read(connection -> String.join("\n", Sql.list(connection,
            "EXPLAIN QUERY PLAN " + MessageSql.FLAG_ROWS_CHANGED_SINCE, row -> row.getString(4), mailboxId(), before)));
        FlagRows changed = store.database().read(connection -> StoredFlags.rowsChangedSince(connection, mailboxId(), before));

        assertThat(plan).contains("INDEX mailbox_message_by_modseq (mailbox_id=? AND modseq>?)");
        List<Long> uids = new ArrayList<>();
        for (int row = 0; row < changed.size(); row++) {
            uids.add(changed.uid(row));
            assertThat(changed.modSeq(row)).isGreaterThan(before);
        }
        assertThat(uids).isEqualTo(flagged);
    }

    private long mailboxId() {
        return ((SyncStoreMailboxId) inbox.getMailboxId()).value();
    }
}
