package io.syncstore.backend.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.mail.Flags;

import org.apache.james.mailbox.FlagsBuilder;
import org.apache.james.mailbox.MessageManager.FlagsUpdateMode;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.api.FlagRows;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;

/**
 * The flag rows kept between reads ({@link FlagRowsCache}): after every kind of write, from this store or from a
 * second one (another node on PostgreSQL, another mapper over the same database on SQLite), a read answers what the
 * database holds; under concurrent writes, every answer is a state the mailbox was in while the read ran.
 */
class FlagRowsCacheTest {
    private static final String[] KEYWORDS = {"$Forwarded", "work", "later"};
    private static final Flags.Flag[] SYSTEM_FLAGS = {Flags.Flag.ANSWERED, Flags.Flag.DELETED, Flags.Flag.DRAFT,
        Flags.Flag.FLAGGED, Flags.Flag.RECENT, Flags.Flag.SEEN};

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();
    @TempDir
    Path folder;

    private StoreFixture reader;
    private StoreFixture writer;
    private Mailbox inbox;
    private Mailbox archive;
    private final Random random = new Random(12);
    private ExecutorService threads;

    @BeforeEach
    void setUp() {
        SyncStoreConfiguration configuration = TestDatabases.configurationIn(folder, SyncPolicy.OFF);
        reader = new StoreFixture(databases.open(configuration));
        writer = new StoreFixture(TestDatabases.POSTGRESQL ? databases.open(configuration) : reader.database());
        inbox = reader.createMailbox("INBOX");
        archive = reader.createMailbox("Archive");
        threads = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void tearDown() throws Exception {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void everyKindOfWriteFromEitherStoreIsInTheNextRead() throws Exception {
        for (int i = 0; i < 12; i++) {
            add(writer, inbox);
        }
        for (int step = 0; step < 200; step++) {
            StoreFixture store = random.nextBoolean() ? reader : writer;
            change(store);
            for (StoreFixture anyStore : List.of(reader, writer)) {
                assertThat(describe(anyStore.messages.flagRows(inbox, MessageRange.all(), true).block()))
                    .as("step %d", step).isEqualTo(stored(inbox));
                long from = 1 + random.nextInt(40);
                MessageRange range = MessageRange.range(MessageUid.of(from), MessageUid.of(from + random.nextInt(20)));
                assertThat(describe(anyStore.messages.flagRows(inbox, range, false).block()))
                    .isEqualTo(describe(reader.database().read(connection -> StoredFlags.rowsInRange(connection, id(inbox), range, false))));
            }
        }
    }

    @Test
    void aMessageSavedWithAModSeqTakenBeforeTheKeptReadingIsInTheNextReads() throws Exception {
        MessageUid first = add(writer, inbox);
        MailboxMessage copy = StoreFixture.message(inbox, reader.newMessageId(), "saved late\r\n");
        copy.setUid(writer.uids.nextUid(inbox));
        copy.setModSeq(writer.modSeqs.nextModSeq(inbox));
        reader.messages.flagRows(inbox, MessageRange.all(), true).block();

        writer.messageIds.copyInMailbox(copy, inbox);
        assertThat(describe(reader.messages.flagRows(inbox, MessageRange.all(), true).block())).isEqualTo(stored(inbox));
        writer.messages.updateFlags(inbox, new FlagsUpdateCalculator(new Flags(Flags.Flag.SEEN), FlagsUpdateMode.ADD), MessageRange.one(first));

        FlagRows rows = reader.messages.flagRows(inbox, MessageRange.all(), true).block();
        assertThat(describe(rows)).isEqualTo(stored(inbox));
        assertThat(rows.size()).isEqualTo(2);
    }

    @Test
    void underConcurrentWritesEachAnswerIsAStateOfTheMailboxDuringTheRead() throws Exception {
        for (int i = 0; i < 8; i++) {
            add(writer, inbox);
        }
        List<String> states = new CopyOnWriteArrayList<>(List.of(stored(inbox)));
        AtomicBoolean done = new AtomicBoolean();
        Future<?> writes = threads.submit(() -> {
            for (int step = 0; step < 150; step++) {
                change(writer);
                states.add(stored(inbox));
            }
            done.set(true);
            return null;
        });
        List<int[]> windows = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        while (!done.get()) {
            int before = states.size() - 1;
            answers.add(describe(reader.messages.flagRows(inbox, MessageRange.all(), true).block()));
            windows.add(new int[] {before, states.size()});
        }
        writes.get();

        assertThat(answers).hasSizeGreaterThan(10);
        for (int i = 0; i < answers.size(); i++) {
            int[] window = windows.get(i);
            List<String> possible = states.subList(window[0], Math.min(window[1] + 1, states.size()));
            assertThat(possible).as("answer %d", i).contains(answers.get(i));
        }
    }

    /** One write of a random kind: append, flag or keyword change, \Recent reset, expunge, copy, move, save by id. */
    private void change(StoreFixture store) throws Exception {
        List<MessageUid> uids = store.messages.listAllMessageUids(inbox).collectList().block();
        MessageUid some = uids.isEmpty() ? add(store, inbox) : uids.get(random.nextInt(uids.size()));
        switch (random.nextInt(8)) {
            case 0:
                add(store, inbox);
                break;
            case 1:
                Flags flags = random.nextBoolean() ? new Flags(SYSTEM_FLAGS[random.nextInt(SYSTEM_FLAGS.length)]) : new Flags(KEYWORDS[random.nextInt(KEYWORDS.length)]);
                FlagsUpdateMode mode = FlagsUpdateMode.values()[random.nextInt(FlagsUpdateMode.values().length)];
                store.messages.updateFlags(inbox, new FlagsUpdateCalculator(flags, mode), MessageRange.range(some, MessageUid.of(some.asLong() + random.nextInt(3))));
                break;
            case 2:
                store.messages.resetRecent(inbox);
                break;
            case 3:
                store.messages.deleteMessages(inbox, List.of(some));
                break;
            case 4:
                store.messages.copy(inbox, original(store, inbox, some));
                break;
            case 5:
                store.messages.move(archive, original(store, inbox, some));
                break;
            case 6:
                List<MessageUid> archived = store.messages.listAllMessageUids(archive).collectList().block();
                if (!archived.isEmpty()) {
                    store.messages.move(inbox, original(store, archive, archived.get(0)));
                }
                break;
            default:
                MailboxMessage saved = original(store, inbox, some);
                MailboxMessage copy = StoreFixture.message(archive, saved.getMessageId(), "by id\r\n");
                if (store.messageIds.findMailboxes(saved.getMessageId()).contains(archive.getMailboxId())) {
                    break;
                }
                copy.setUid(store.uids.nextUid(archive));
                copy.setModSeq(store.modSeqs.nextModSeq(archive));
                store.messageIds.copyInMailbox(copy, archive);
                store.messages.move(inbox, original(store, archive, copy.getUid()));
        }
    }

    private MessageUid add(StoreFixture store, Mailbox mailbox) throws Exception {
        SimpleMailboxMessage message = StoreFixture.message(mailbox, store.newMessageId(), "body\r\n");
        FlagsBuilder flags = FlagsBuilder.builder().add(Flags.Flag.RECENT);
        if (random.nextBoolean()) {
            flags.add(KEYWORDS[random.nextInt(KEYWORDS.length)]);
        }
        message.setFlags(flags.build());
        return store.messages.add(mailbox, message).getUid();
    }

    private static MailboxMessage original(StoreFixture store, Mailbox mailbox, MessageUid uid) throws Exception {
        return store.messages.findInMailbox(mailbox, MessageRange.one(uid), FetchType.METADATA, 1).next();
    }

    private String stored(Mailbox mailbox) throws Exception {
        return describe(writer.database().read(connection -> StoredFlags.rowsInRange(connection, id(mailbox), MessageRange.all(), true)));
    }

    private static long id(Mailbox mailbox) {
        return ((SyncStoreMailboxId) mailbox.getMailboxId()).value();
    }

    private static String describe(FlagRows rows) {
        StringBuilder description = new StringBuilder();
        for (int row = 0; row < rows.size(); row++) {
            description.append(rows.uid(row)).append(' ').append(rows.modSeq(row)).append(' ').append(rows.systemFlags(row))
                .append(' ').append(rows.keywords(row) == null ? "-" : String.join(",", rows.keywords(row))).append('\n');
        }
        return description.toString();
    }
}
