package io.syncstore.backend.mail;

import static org.assertj.core.api.Assertions.assertThat;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.api.FlagRows;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Sql;

/** {@code SyncStoreMessageMapper.flagRows}: a message's UID, flags and keywords read from one packed number per row. */
class FlagRowsTest {
    private static final long HIGH_UID = 4_294_967_295L;
    private static final long HIGH_MODSEQ = Long.MAX_VALUE - 7;

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private StoreFixture store;
    private Mailbox inbox;

    @BeforeEach
    void setUp() {
        store = new StoreFixture(databases.open());
        inbox = store.createMailbox("INBOX");
    }

    @Test
    void eachRowHasItsUidModSeqFlagsAndKeywords() throws Exception {
        long plain = add(new Flags()).asLong();
        Flags every = new Flags();
        every.add(Flags.Flag.ANSWERED);
        every.add(Flags.Flag.DELETED);
        every.add(Flags.Flag.DRAFT);
        every.add(Flags.Flag.FLAGGED);
        every.add(Flags.Flag.RECENT);
        every.add(Flags.Flag.SEEN);
        every.add("zeta");
        every.add("$Forwarded");
        long flagged = add(every).asLong();
        Flags seenOnly = new Flags(Flags.Flag.SEEN);
        long highest = add(seenOnly).asLong();
        store.database().write(connection -> Sql.update(connection,
            "UPDATE mailbox_message SET uid = ?, modseq = ? WHERE uid = ?", HIGH_UID, HIGH_MODSEQ, highest));

        FlagRows rows = store.messages.flagRows(inbox, MessageRange.all(), true).block();

        assertThat(rows.size()).isEqualTo(3);
        assertThat(new long[] {rows.uid(0), rows.uid(1), rows.uid(2)}).containsExactly(plain, flagged, HIGH_UID);
        assertThat(rows.systemFlags(0)).isZero();
        assertThat(rows.keywords(0)).isNull();
        assertThat(rows.systemFlags(1)).isEqualTo(FlagRows.ANSWERED | FlagRows.DELETED | FlagRows.DRAFT | FlagRows.FLAGGED
            | FlagRows.RECENT | FlagRows.SEEN);
        assertThat(rows.keywords(1)).containsExactly("$Forwarded", "zeta");
        assertThat(rows.systemFlags(2)).isEqualTo(FlagRows.SEEN);
        assertThat(rows.keywords(2)).isNull();
        assertThat(rows.modSeq(2)).isEqualTo(HIGH_MODSEQ);
        assertThat(rows.modSeq(0)).isPositive().isLessThan(rows.modSeq(1));
    }

    @Test
    void withoutModSeqTheRowsAreTheSameButTheirModSeqs() throws Exception {
        Flags keywords = new Flags(Flags.Flag.FLAGGED);
        keywords.add("work");
        add(keywords);
        add(new Flags(Flags.Flag.DRAFT));

        FlagRows rows = store.messages.flagRows(inbox, MessageRange.all(), false).block();

        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.systemFlags(0)).isEqualTo(FlagRows.FLAGGED);
        assertThat(rows.keywords(0)).containsExactly("work");
        assertThat(rows.systemFlags(1)).isEqualTo(FlagRows.DRAFT);
        assertThat(rows.keywords(1)).isNull();
        assertThat(rows.modSeq(0)).isZero();
        assertThat(rows.modSeq(1)).isZero();
    }

    @Test
    void aRangeWithoutMessagesHasNoRows() throws Exception {
        MessageUid uid = add(new Flags(Flags.Flag.SEEN));

        FlagRows rows = store.messages.flagRows(inbox, MessageRange.range(uid.next(), MessageUid.of(HIGH_UID)), true).block();

        assertThat(rows.size()).isZero();
    }

    private MessageUid add(Flags flags) throws Exception {
        SimpleMailboxMessage message = StoreFixture.message(inbox, store.newMessageId(), "body\r\n");
        message.setFlags(flags);
        return store.messages.add(inbox, message).getUid();
    }
}
