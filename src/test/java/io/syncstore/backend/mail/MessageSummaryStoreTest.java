package io.syncstore.backend.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageRange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Sql;
import io.syncstore.mime.FormerSummaries;
import io.syncstore.mime.MessageSummary;

/** Every message has its summary: computed at APPEND, or, for one stored before summaries existed, on first ask. */
class MessageSummaryStoreTest {
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
    void anAppendedMessageHasTheSummaryOfItsContent() throws Exception {
        MessageUid uid = store.messages.add(inbox, StoreFixture.message(inbox, store.newMessageId(), "the body\r\n")).getUid();

        Map<MessageUid, byte[]> summaries = store.messages.summaries(inbox, MessageRange.all()).block();

        assertThat(summaries).containsOnlyKeys(uid);
        assertThat(summaries.get(uid)).isEqualTo(MessageSummary.of((StoreFixture.HEADER + "the body\r\n").getBytes()));
        assertThat(MessageSummary.read(summaries.get(uid)).orElseThrow().preview()).isEqualTo("the body");
    }

    @Test
    void aMessageStoredWithoutSummaryGetsItOnFirstAskAndKeepsIt() throws Exception {
        MessageUid first = store.messages.add(inbox, StoreFixture.message(inbox, store.newMessageId(), "one\r\n")).getUid();
        MessageUid second = store.messages.add(inbox, StoreFixture.message(inbox, store.newMessageId(), "two\r\n")).getUid();
        store.database().write(connection -> Sql.update(connection, "UPDATE message SET summary = NULL"));

        Map<MessageUid, byte[]> summaries = store.messages.summaries(inbox, MessageRange.all()).block();

        assertThat(summaries.get(first)).isEqualTo(MessageSummary.of((StoreFixture.HEADER + "one\r\n").getBytes()));
        assertThat(summaries.get(second)).isEqualTo(MessageSummary.of((StoreFixture.HEADER + "two\r\n").getBytes()));
        long unsummarised = store.database().read(connection -> Sql.count(connection,
            "SELECT COUNT(*) FROM message WHERE summary IS NULL"));
        assertThat(unsummarised).isZero();
    }

    /** A summary of format 2 (before ENVELOPE and BODYSTRUCTURE were kept written) is upgraded on first ask. */
    @Test
    void aSummaryOfTheFormerFormatIsUpgradedOnFirstAskAndKept() throws Exception {
        MessageUid uid = store.messages.add(inbox, StoreFixture.message(inbox, store.newMessageId(), "one\r\n")).getUid();
        byte[] current = MessageSummary.of((StoreFixture.HEADER + "one\r\n").getBytes());
        byte[] former = FormerSummaries.beforeItems(current);
        store.database().write(connection -> Sql.update(connection, "UPDATE message SET summary = ?", former));
        assertThat(storedSummary()).isEqualTo(former);

        Map<MessageUid, byte[]> summaries = store.messages.summaries(inbox, MessageRange.all()).block();

        assertThat(summaries.get(uid)).isEqualTo(current);
        assertThat(MessageSummary.itemBytes(summaries.get(uid))).isPresent();
        assertThat(storedSummary()).isEqualTo(current);
    }

    private byte[] storedSummary() throws Exception {
        return store.database().read(connection -> Sql.first(connection, "SELECT summary FROM message",
            row -> row.getBytes("summary")).orElseThrow());
    }
}
