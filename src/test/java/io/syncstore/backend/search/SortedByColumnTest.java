package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.api.MessageSortOrder;
import io.syncstore.api.MessageSortOrder.Criterion;
import io.syncstore.api.MessageSortOrder.Key;
import io.syncstore.api.MessageSortOrder.Ordered;
import io.syncstore.api.MessageSortingFields;
import io.syncstore.api.SortingFields;
import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The database orders messages by each SORT key and each pair of keys as SORT compares the {@link SortingFields} (RFC 5256
 * §3: ties of a key broken by the next, exact ties in ascending UID order, REVERSE reversing its key only), on SQLite
 * and PostgreSQL.
 */
class SortedByColumnTest {
    private static final List<String> SUBJECTS = List.of("Re: lunch", "Lunch", "budget", "Ünïcode ça", "", "[list] Budget",
        "\uD83D\uDE00 party", "\uFF01 notice");
    private static final List<Key> INDEXED_KEYS = List.of(Key.ARRIVAL, Key.DATE, Key.SUBJECT, Key.FROM);
    private static final List<String> FROMS = List.of("Ann <ann@x.org>", "bob@x.org", "=?UTF-8?Q?=C3=89mile?= <e@x.org>",
        "zed@x.org", "Bob <BOB@x.org>");

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path folder;

    @Test
    void everyKeyInBothDirectionsOrdersAsTheFieldsCompare() throws Exception {
        Database database = databases.open(TestDatabases.configurationIn(folder, SyncPolicy.NORMAL));
        Mailbox mailbox = new Mailbox(database);
        Random random = new Random(12);
        List<MessageUid> uids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            uids.add(mailbox.append(random));
        }
        List<MessageUid> some = uids.stream().filter(uid -> uid.asLong() % 3 != 0).collect(Collectors.toList());
        // fewer than a sixth of the mailbox: SUBJECT and FROM read the span, not the mailbox's whole index
        List<MessageUid> few = uids.stream().filter(uid -> uid.asLong() % 12 == 5).collect(Collectors.toList());
        Map<MessageUid, SortingFields> fields = ((MessageSortingFields) mailbox.manager).sortingFields(uids, mailbox.session).block();
        MessageSortOrder order = new SortedByColumn(database);

        for (List<Criterion> criteria : everyKeyAndEveryPairInBothDirections()) {
            for (List<MessageUid> asked : List.of(uids, some, few)) {
                for (boolean modSeqsWanted : List.of(true, false)) {
                    Ordered ordered = order.order(mailbox.manager, ascending(asked), criteria, modSeqsWanted,
                        mailbox.session).block().orElseThrow();
                    assertThat(uidsOf(ordered)).as(criteria + " " + modSeqsWanted).isEqualTo(expected(asked, fields, criteria));
                    if (modSeqsWanted) {
                        for (int i = 0; i < ordered.uids().length; i++) {
                            assertThat(ordered.modSeqs()[i])
                                .isEqualTo(fields.get(MessageUid.of(ordered.uids()[i])).modSeq().asLong());
                        }
                    }
                }
            }
        }
        List<Criterion> three = List.of(new Criterion(Key.FROM, true), new Criterion(Key.SUBJECT, false),
            new Criterion(Key.DATE, true));
        assertThat(uidsOf(order.order(mailbox.manager, ascending(uids), three, false, mailbox.session).block().orElseThrow()))
            .isEqualTo(expected(uids, fields, three));
    }

    /**
     * SORT by ARRIVAL, DATE, SUBJECT or FROM from the mailbox's own index (V26, V31) holds what COPY and MOVE bring in, what they and
     * EXPUNGE take out, and what APPEND adds, in the mailbox they went to and no other.
     */
    @Test
    void theIndexedKeysFollowCopyMoveAppendAndExpunge() throws Exception {
        Database database = databases.open(TestDatabases.configurationIn(folder, SyncPolicy.NORMAL));
        Mailbox inbox = new Mailbox(database);
        MessageManager other = inbox.create("other");
        Random random = new Random(3);
        List<MessageUid> appended = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            appended.add(inbox.append(random));
        }
        inbox.resources.getMailboxManager().copyMessages(MessageRange.range(appended.get(0), appended.get(9)),
            inbox.manager.getId(), other.getId(), inbox.session);
        inbox.resources.getMailboxManager().moveMessages(MessageRange.range(appended.get(10), appended.get(19)),
            inbox.manager.getId(), other.getId(), inbox.session);
        inbox.manager.delete(List.of(appended.get(25)), inbox.session);
        for (int i = 0; i < 5; i++) {
            inbox.append(random);
        }
        MessageSortOrder order = new SortedByColumn(database);

        for (MessageManager mailbox : List.of(inbox.manager, other)) {
            List<MessageUid> held = inbox.uidsOf(mailbox);
            Map<MessageUid, SortingFields> fields = ((MessageSortingFields) mailbox).sortingFields(held, inbox.session).block();
            assertThat(held).hasSize(mailbox == other ? 20 : 24);
            for (Key key : INDEXED_KEYS) {
                for (boolean reverse : List.of(false, true)) {
                    List<Criterion> criteria = List.of(new Criterion(key, reverse));
                    assertThat(uidsOf(order.order(mailbox, ascending(held), criteria, false, inbox.session).block()
                        .orElseThrow())).as(criteria.toString()).isEqualTo(expected(held, fields, criteria));
                }
            }
        }
        assertThat(rows(database, "mailbox_message_sorting")).isEqualTo(rows(database, "mailbox_message"));
    }

    /** A database of V25 gets the keys of the entries it holds, and SORT orders them from the index. */
    @Test
    void entriesStoredBeforeV26AreCopiedByTheMigration() throws Exception {
        Mailbox reopened = migratedAgain(11, SortingColumnsTest::undoMigrationV26);

        assertThat(rows(reopened.database, "mailbox_message_sorting")).isEqualTo(20);
        assertOrderedFromTheIndex(reopened, List.of(Key.SUBJECT, Key.FROM), List.of(false));
    }

    /** A database of V28 gets the arrival and sent date of the entries it holds, and SORT orders them from the index. */
    @Test
    void entriesStoredBeforeV31GetTheirDatesFromTheMigration() throws Exception {
        Mailbox reopened = migratedAgain(31, SortedByColumnTest::undoMigrationV31);

        assertThat(rows(reopened.database, "mailbox_message_sorting WHERE arrival IS NOT NULL AND sent IS NOT NULL"))
            .isEqualTo(20);
        assertOrderedFromTheIndex(reopened, List.of(Key.ARRIVAL, Key.DATE), List.of(false, true));
    }

    private interface Undo {
        void run(Connection connection) throws SQLException;
    }

    /** 20 messages stored, a migration undone, the store opened again: the migration has run again. */
    private Mailbox migratedAgain(long seed, Undo undo) throws Exception {
        SyncStoreConfiguration configuration = TestDatabases.configurationIn(folder, SyncPolicy.NORMAL);
        Database before = databases.open(configuration);
        Mailbox mailbox = new Mailbox(before);
        Random random = new Random(seed);
        for (int i = 0; i < 20; i++) {
            mailbox.append(random);
        }
        before.write(connection -> {
            undo.run(connection);
            return null;
        });
        before.close();
        return new Mailbox(databases.open(configuration));
    }

    /** SORT by each key alone, in each direction, orders the mailbox's messages as their fields compare. */
    private static void assertOrderedFromTheIndex(Mailbox mailbox, List<Key> keys, List<Boolean> directions) throws Exception {
        List<MessageUid> held = mailbox.uidsOf(mailbox.manager);
        Map<MessageUid, SortingFields> fields = ((MessageSortingFields) mailbox.manager).sortingFields(held, mailbox.session).block();
        for (Key key : keys) {
            for (boolean reverse : directions) {
                List<Criterion> criteria = List.of(new Criterion(key, reverse));
                assertThat(uidsOf(new SortedByColumn(mailbox.database).order(mailbox.manager, ascending(held), criteria,
                    false, mailbox.session).block().orElseThrow())).as(criteria.toString()).isEqualTo(expected(held, fields, criteria));
            }
        }
    }

    /** The database as it was before V31 (V26's triggers, no dates), which runs again at the next opening. */
    static void undoMigrationV31(Connection connection) throws SQLException {
        TextSearchPlanTest.undoMigrationV32(connection);
        boolean postgresql = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
        String copy = "INSERT INTO mailbox_message_sorting SELECT NEW.mailbox_id, NEW.uid, sort_subject, sort_from "
            + "FROM message_sorting WHERE message_id = NEW.message_id;";
        String fromEntries = "INSERT INTO mailbox_message_sorting SELECT mailbox_id, uid, NEW.sort_subject, NEW.sort_from "
            + "FROM mailbox_message WHERE message_id = NEW.message_id;";
        if (postgresql) {
            Sql.update(connection, "CREATE OR REPLACE FUNCTION mailbox_message_sorting_kept() RETURNS trigger "
                + "LANGUAGE plpgsql AS $$ BEGIN IF TG_OP IN ('DELETE', 'UPDATE') THEN DELETE FROM mailbox_message_sorting "
                + "WHERE mailbox_id = OLD.mailbox_id AND uid = OLD.uid; END IF; IF TG_OP IN ('INSERT', 'UPDATE') THEN "
                + copy + " END IF; RETURN NULL; END; $$");
            Sql.update(connection, "CREATE OR REPLACE FUNCTION message_sorting_entered() RETURNS trigger "
                + "LANGUAGE plpgsql AS $$ BEGIN " + fromEntries + " RETURN NULL; END; $$");
        } else {
            for (String trigger : List.of("mailbox_message_sorting_entered", "mailbox_message_sorting_moved",
                    "message_sorting_entered")) {
                Sql.update(connection, "DROP TRIGGER " + trigger);
            }
            Sql.update(connection, "CREATE TRIGGER mailbox_message_sorting_entered AFTER INSERT ON mailbox_message BEGIN "
                + copy + " END");
            Sql.update(connection, "CREATE TRIGGER mailbox_message_sorting_moved AFTER UPDATE OF mailbox_id, uid ON "
                + "mailbox_message BEGIN DELETE FROM mailbox_message_sorting WHERE mailbox_id = OLD.mailbox_id AND "
                + "uid = OLD.uid; " + copy + " END");
            Sql.update(connection, "CREATE TRIGGER message_sorting_entered AFTER INSERT ON message_sorting BEGIN "
                + fromEntries + " END");
        }
        Sql.update(connection, "DROP INDEX mailbox_message_by_arrival");
        Sql.update(connection, "DROP INDEX mailbox_message_by_sent");
        Sql.update(connection, "ALTER TABLE mailbox_message_sorting DROP COLUMN arrival");
        Sql.update(connection, "ALTER TABLE mailbox_message_sorting DROP COLUMN sent");
        Sql.update(connection, "DELETE FROM flyway_schema_history WHERE version = '31'");
    }

    /** Each key alone, then each ordered pair of two different keys, in the four combinations of directions. */
    private static List<List<Criterion>> everyKeyAndEveryPairInBothDirections() {
        List<List<Criterion>> all = new ArrayList<>();
        for (Key first : Key.values()) {
            for (boolean firstReversed : List.of(false, true)) {
                all.add(List.of(new Criterion(first, firstReversed)));
                for (Key second : Key.values()) {
                    for (boolean secondReversed : List.of(false, true)) {
                        if (second != first) {
                            all.add(List.of(new Criterion(first, firstReversed), new Criterion(second, secondReversed)));
                        }
                    }
                }
            }
        }
        return all;
    }

    @Test
    void messagesWithoutStoredFieldsAreLeftToTheCaller() throws Exception {
        Database database = databases.open(TestDatabases.configurationIn(folder, SyncPolicy.NORMAL));
        Mailbox mailbox = new Mailbox(database);
        Random random = new Random(5);
        MessageUid first = mailbox.append(random);
        MessageUid second = mailbox.append(random);
        MessageSortOrder order = new SortedByColumn(database);
        long[] both = ascending(List.of(first, second));
        List<Criterion> bySubject = List.of(new Criterion(Key.SUBJECT, false));
        assertThat(order.order(mailbox.manager, both, bySubject, false, mailbox.session).block()).isPresent();
        assertThat(order.order(mailbox.manager, new long[0], bySubject, false, mailbox.session).block().orElseThrow().uids())
            .isEmpty();

        // as a message stored before V20 is until the start-up fills its fields: no copy in message_sorting, hence none
        // of its keys in its mailbox's
        database.write(connection -> {
            Sql.update(connection, "UPDATE message SET sort_subject = NULL");
            Sql.update(connection, "DELETE FROM mailbox_message_sorting");
            return Sql.update(connection, "DELETE FROM message_sorting");
        });

        assertThat(order.order(mailbox.manager, both, List.of(new Criterion(Key.DATE, true)), true, mailbox.session).block())
            .isEmpty();
        assertThat(order.order(mailbox.manager, both, bySubject, false, mailbox.session).block()).isEmpty();
    }

    /** A connection may still know a message another one expunged: it is left out, the others still ordered here. */
    @Test
    void aMessageNoLongerInTheMailboxIsLeftOut() throws Exception {
        Database database = databases.open(TestDatabases.configurationIn(folder, SyncPolicy.NORMAL));
        Mailbox mailbox = new Mailbox(database);
        Random random = new Random(7);
        MessageUid first = mailbox.append(random);
        MessageUid gone = mailbox.append(random);
        MessageUid last = mailbox.append(random);
        mailbox.manager.delete(List.of(gone), mailbox.session);

        Ordered ordered = new SortedByColumn(database)
            .order(mailbox.manager, ascending(List.of(first, gone, last)), List.of(new Criterion(Key.ARRIVAL, false)),
                true, mailbox.session)
            .block().orElseThrow();
        Ordered bySubject = new SortedByColumn(database)
            .order(mailbox.manager, ascending(List.of(first, gone, last)), List.of(new Criterion(Key.SUBJECT, false)),
                false, mailbox.session)
            .block().orElseThrow();

        assertThat(uidsOf(ordered)).containsExactlyInAnyOrder(first, last);
        assertThat(ordered.modSeqs()).hasSize(2);
        assertThat(uidsOf(bySubject)).containsExactlyInAnyOrder(first, last);
    }

    private static long rows(Database database, String table) throws Exception {
        return database.<Long>read(connection -> Sql.count(connection, "SELECT count(*) FROM " + table));
    }

    private static long[] ascending(List<MessageUid> uids) {
        return uids.stream().mapToLong(MessageUid::asLong).sorted().toArray();
    }

    private static List<MessageUid> uidsOf(Ordered ordered) {
        return Arrays.stream(ordered.uids()).mapToObj(MessageUid::of).collect(Collectors.toList());
    }

    private static List<MessageUid> expected(List<MessageUid> asked, Map<MessageUid, SortingFields> fields,
                                             List<Criterion> criteria) {
        Comparator<SortingFields> byKeys = (left, right) -> 0;
        for (Criterion criterion : criteria) {
            Comparator<SortingFields> byKey = byKey(criterion.key());
            byKeys = byKeys.thenComparing(criterion.reverse() ? byKey.reversed() : byKey);
        }
        Comparator<MessageUid> order = Comparator.comparing(fields::get, byKeys);
        return asked.stream().sorted(order.thenComparing(Function.identity())).collect(Collectors.toList());
    }

    private static Comparator<SortingFields> byKey(Key key) {
        switch (key) {
            case ARRIVAL: return Comparator.comparing(SortingFields::arrival);
            case DATE: return Comparator.comparing(SortingFields::sent);
            case SIZE: return Comparator.comparingLong(SortingFields::size);
            case SUBJECT: return Comparator.comparing(SortingFields::baseSubject, MessageSortOrder::compareText);
            case FROM: return Comparator.comparing(fields -> fields.addresses().fromMailbox(), MessageSortOrder::compareText);
            case TO: return Comparator.comparing(fields -> fields.addresses().toMailbox(), MessageSortOrder::compareText);
            case CC: return Comparator.comparing(fields -> fields.addresses().ccMailbox(), MessageSortOrder::compareText);
            case DISPLAYFROM: return Comparator.comparing(fields -> fields.addresses().fromDisplay(), MessageSortOrder::compareText);
            case DISPLAYTO: return Comparator.comparing(fields -> fields.addresses().toDisplay(), MessageSortOrder::compareText);
            default: throw new IllegalArgumentException(key.name());
        }
    }

    private static final class Mailbox {
        final Database database;
        final SyncStoreResources resources;
        final MailboxSession session;
        final MessageManager manager;

        Mailbox(Database database) throws Exception {
            this.database = database;
            resources = SyncStoreResources.defaultResources(database);
            session = resources.getMailboxManager().createSystemSession(Username.of("user"));
            MailboxPath inbox = MailboxPath.inbox(session);
            if (!Mono.from(resources.getMailboxManager().mailboxExists(inbox, session)).block()) {
                resources.getMailboxManager().createMailbox(inbox, session);
            }
            manager = resources.getMailboxManager().getMailbox(inbox, session);
        }

        MessageManager create(String name) throws Exception {
            MailboxPath path = MailboxPath.forUser(session.getUser(), name);
            resources.getMailboxManager().createMailbox(path, session);
            return resources.getMailboxManager().getMailbox(path, session);
        }

        List<MessageUid> uidsOf(MessageManager mailbox) throws Exception {
            return Flux.from(mailbox.listMessagesMetadata(MessageRange.all(), session))
                .map(metadata -> metadata.getComposedMessageId().getUid())
                .collectList().block();
        }

        /** Few distinct values per header, so that ties are many; a third without Date:, some without To or Cc. */
        MessageUid append(Random random) throws Exception {
            StringBuilder message = new StringBuilder();
            message.append("From: ").append(FROMS.get(random.nextInt(FROMS.size()))).append("\r\n");
            if (random.nextBoolean()) {
                message.append("To: ").append(FROMS.get(random.nextInt(FROMS.size()))).append("\r\n");
            }
            if (random.nextInt(3) == 0) {
                message.append("Cc: ").append(FROMS.get(random.nextInt(FROMS.size()))).append("\r\n");
            }
            if (random.nextInt(3) != 0) {
                message.append("Date: ").append(1 + random.nextInt(3)).append(" Dec 2026 10:00:00 +0000\r\n");
            }
            message.append("Subject: ").append(SUBJECTS.get(random.nextInt(SUBJECTS.size()))).append("\r\n\r\n")
                .append("x".repeat(random.nextInt(4) * 10)).append("\r\n");
            Instant arrival = Instant.parse("2026-12-01T00:00:00Z").plusSeconds(86400L * random.nextInt(4));
            return manager.appendMessage(MessageManager.AppendCommand.builder().withInternalDate(Date.from(arrival))
                .build(message.toString()), session).getId().getUid();
        }
    }
}
