package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.model.MailboxPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.api.MessageSortOrder;
import io.syncstore.api.MessageSortOrder.Key;
import io.syncstore.api.MessageSortingFields;
import io.syncstore.api.SortingFields;
import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.config.SyncPolicy;

/**
 * The database orders messages by each SORT key as SORT compares the {@link SortingFields} (RFC 5256 §3: exact ties in
 * ascending UID order, REVERSE reversing the key only), on SQLite and PostgreSQL.
 */
class SortedByColumnTest {
    private static final List<String> SUBJECTS = List.of("Re: lunch", "Lunch", "budget", "Ünïcode ça", "", "[list] Budget");
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
        Map<MessageUid, SortingFields> fields = ((MessageSortingFields) mailbox.manager).sortingFields(uids, mailbox.session).block();
        MessageSortOrder order = new SortedByColumn(database);

        for (Key key : Key.values()) {
            for (boolean reverse : List.of(false, true)) {
                for (List<MessageUid> asked : List.of(uids, some)) {
                    LinkedHashMap<MessageUid, ModSeq> ordered = order.order(mailbox.manager, asked, key, reverse, mailbox.session)
                        .block().orElseThrow();
                    assertThat(new ArrayList<>(ordered.keySet())).as(key + (reverse ? " reversed" : ""))
                        .isEqualTo(expected(asked, fields, key, reverse));
                    ordered.forEach((uid, modSeq) -> assertThat(modSeq).isEqualTo(fields.get(uid).modSeq()));
                }
            }
        }
    }

    @Test
    void messagesWithoutStoredFieldsAreLeftToTheCaller() throws Exception {
        Database database = databases.open(TestDatabases.configurationIn(folder, SyncPolicy.NORMAL));
        Mailbox mailbox = new Mailbox(database);
        Random random = new Random(5);
        MessageUid first = mailbox.append(random);
        MessageUid second = mailbox.append(random);
        MessageSortOrder order = new SortedByColumn(database);
        assertThat(order.order(mailbox.manager, List.of(first, second), Key.SUBJECT, false, mailbox.session).block()).isPresent();
        assertThat(order.order(mailbox.manager, List.of(), Key.SUBJECT, false, mailbox.session).block()).contains(new LinkedHashMap<>());

        database.write(connection -> Sql.update(connection, "UPDATE message SET sort_subject = NULL"));

        assertThat(order.order(mailbox.manager, List.of(first, second), Key.DATE, true, mailbox.session).block()).isEmpty();
    }

    private static List<MessageUid> expected(List<MessageUid> asked, Map<MessageUid, SortingFields> fields, Key key,
                                             boolean reverse) {
        Comparator<SortingFields> byKey = byKey(key);
        Comparator<MessageUid> order = Comparator.comparing(fields::get, reverse ? byKey.reversed() : byKey);
        return asked.stream().sorted(order.thenComparing(Function.identity())).collect(Collectors.toList());
    }

    private static Comparator<SortingFields> byKey(Key key) {
        switch (key) {
            case ARRIVAL: return Comparator.comparing(SortingFields::arrival);
            case DATE: return Comparator.comparing(SortingFields::sent);
            case SIZE: return Comparator.comparingLong(SortingFields::size);
            case SUBJECT: return Comparator.comparing(SortingFields::baseSubject);
            case FROM: return Comparator.comparing(fields -> fields.addresses().fromMailbox());
            case TO: return Comparator.comparing(fields -> fields.addresses().toMailbox());
            case CC: return Comparator.comparing(fields -> fields.addresses().ccMailbox());
            case DISPLAYFROM: return Comparator.comparing(fields -> fields.addresses().fromDisplay());
            case DISPLAYTO: return Comparator.comparing(fields -> fields.addresses().toDisplay());
            default: throw new IllegalArgumentException(key.name());
        }
    }

    private static final class Mailbox {
        final MailboxSession session;
        final MessageManager manager;

        Mailbox(Database database) throws Exception {
            SyncStoreResources resources = SyncStoreResources.defaultResources(database);
            session = resources.getMailboxManager().createSystemSession(Username.of("user"));
            MailboxPath inbox = MailboxPath.inbox(session);
            resources.getMailboxManager().createMailbox(inbox, session);
            manager = resources.getMailboxManager().getMailbox(inbox, session);
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
