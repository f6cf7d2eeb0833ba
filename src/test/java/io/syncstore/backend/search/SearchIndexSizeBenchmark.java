package io.syncstore.backend.search;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.SearchQuery;

import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.PostgresTestServer;
import io.syncstore.backend.db.Sql;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;

/**
 * The size of the search index against the mail it indexes, on SQLite and on PostgreSQL in the same run: stores N
 * generated text messages of about 2 KB (seed fixed, so every run stores the same mail) through the mailbox manager,
 * then prints the bytes of the mail ({@code message.size}) and of every table and index of the search index
 * ({@code dbstat} on SQLite, {@code pg_total_relation_size} on PostgreSQL), then the median time of a few searches
 * through the index in this process (no IMAP: what the index and the check of its candidates cost).
 *
 * <p>Run with {@code mvn -B -q test-compile exec:exec@search-size-benchmark [-Dsearch.size.messages=10000]}
 * ({@code -Dsearch.size.sqliteOnly=true} skips PostgreSQL, {@code -Dsearch.size.postgresqlOnly=true} SQLite). {@code -Dsearch.size.mail=FILE} stores the first N messages
 * of the file instead, each as a 4-byte big-endian length and its bytes (what the load driver's {@code VariedMail}
 * writes); the searches are the same.</p>
 */
public final class SearchIndexSizeBenchmark {
    private static final String[] WORDS = ("the of and to in is that for it as was with be by on not he this are or "
        + "his from at which but have an they you were her she there been one all we their has would when if so no will "
        + "more about can said up out them into some could time other than then only new its these two may first any "
        + "like now my such over also back after use our how well way even because good each those people very most "
        + "much before must through right too between down should state under while last meeting budget report project "
        + "quarter review schedule customer release invoice contract").split(" ");
    private static final String SQLITE_SIZES = "SELECT name, sum(pgsize) FROM dbstat WHERE name LIKE 'message_text%' "
        + "OR name LIKE 'message_search%' OR name LIKE 'search_term%' OR name LIKE 'sqlite_autoindex_message_search%' "
        + "OR name LIKE 'sqlite_autoindex_search_term%' GROUP BY name ORDER BY name";
    private static final String POSTGRES_SIZES = "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c "
        + "WHERE c.relname IN ('message_text', 'message_search', 'search_term') ORDER BY c.relname";
    private static final String POSTGRES_INDEXES = "SELECT indexrelid::regclass::text, pg_relation_size(indexrelid) "
        + "FROM pg_index WHERE indrelid IN (SELECT oid FROM pg_class WHERE relname IN ('message_text', 'message_search', "
        + "'search_term')) ORDER BY 1";
    /** The tables' own pages, without their indexes: a row's share of what the first query counts. */
    private static final String POSTGRES_TABLES = "SELECT c.relname || ' (rows)', pg_relation_size(c.oid) FROM pg_class c "
        + "WHERE c.relname IN ('message_text', 'message_search', 'search_term') ORDER BY c.relname";

    private static final int SMALL_MAILBOX = 20;

    private SearchIndexSizeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("search.size.messages", 10_000);
        Path folder = Files.createTempDirectory("search-size");
        SyncStoreConfiguration sqlite = SyncStoreConfiguration.builder()
            .databaseFile(folder.resolve("mail.db"))
            .contentDirectory(folder.resolve("content"))
            .syncPolicy(SyncPolicy.OFF)
            .build();
        if (!Boolean.getBoolean("search.size.postgresqlOnly")) {
            measure("SQLite", sqlite, messages, SQLITE_SIZES);
        }
        if (Boolean.getBoolean("search.size.sqliteOnly")) {
            System.exit(0);
        }
        SyncStoreConfiguration postgres = sqlite.toBuilder()
            .databaseFile(folder.resolve("unused.db"))
            .contentDirectory(folder.resolve("content-pg"))
            .postgresql(Optional.of(PostgresTestServer.instance().newDatabase()))
            .build();
        measure("PostgreSQL", postgres, messages, POSTGRES_SIZES, POSTGRES_INDEXES, POSTGRES_TABLES);
        System.exit(0);
    }

    private static void measure(String name, SyncStoreConfiguration configuration, int messages, String... sizeQueries)
        throws Exception {
        Database database = Database.open(configuration);
        try {
            SyncStoreResources resources = SyncStoreResources.defaultResources(database);
            MailboxSession session = resources.getMailboxManager().createSystemSession(Username.of("user"));
            long start = System.nanoTime();
            MessageManager mailbox = store(resources, session, messages, mail());
            resources.awaitIndexed();
            long storing = (System.nanoTime() - start) / 1_000_000;
            long mail = database.read(connection -> Sql.count(connection, "SELECT coalesce(sum(size), 0) FROM message"));
            System.out.printf("%s: %,d messages, %,d bytes of mail, stored and indexed in %,d ms%n", name, messages, mail, storing);
            printSizes(database, mail, sizeQueries);
            List<SearchQuery.Criterion> common = List.of(SearchQuery.bodyContains("e"), SearchQuery.bodyContains("er"),
                SearchQuery.address(SearchQuery.AddressType.From, "com"), SearchQuery.mailContains("org"));
            List<SearchQuery.Criterion> criteria = new ArrayList<>(List.of(SearchQuery.bodyContains("invoice"),
                SearchQuery.bodyContains("voic"), SearchQuery.bodyContains("customer release"),
                SearchQuery.headerContains("Subject", "#4242"), SearchQuery.address(SearchQuery.AddressType.From, "sender42@")));
            criteria.addAll(common);
            for (SearchQuery.Criterion criterion : criteria) {
                time(resources, session, mailbox, criterion);
            }
            // Another user's small mailbox: what its search costs beside the first user's vocabulary
            MailboxSession small = resources.getMailboxManager().createSystemSession(Username.of("small"));
            MessageManager smallMailbox = store(resources, small, SMALL_MAILBOX);
            System.out.printf("  another user's mailbox of %d messages:%n", SMALL_MAILBOX);
            for (SearchQuery.Criterion criterion : common) {
                time(resources, small, smallMailbox, criterion);
            }
        } finally {
            database.close();
        }
    }

    /** Prints the sizes the queries give, the first's with their total. */
    private static void printSizes(Database database, long mail, String... sizeQueries) throws Exception {
        for (int query = 0; query < sizeQueries.length; query++) {
            long total = 0;
            String sql = sizeQueries[query];
            List<Object[]> rows = database.read(connection -> Sql.list(connection, sql,
                row -> new Object[] {row.getString(1), row.getLong(2)}));
            for (Object[] row : rows) {
                System.out.printf("  %-40s %,14d bytes  %5.1f %%%n", row[0], row[1], 100.0 * (Long) row[1] / mail);
                total += (Long) row[1];
            }
            if (query == 0) {
                System.out.printf("  %-40s %,14d bytes  %5.1f %% of the mail%n", "search index, total", total,
                    100.0 * total / mail);
            }
        }
    }

    /**
     * The median time of a search through the index (in-process, no IMAP), over 15 runs after 3, and the CPU time of
     * the process per search over those 15 (nothing else runs in it meanwhile).
     */
    private static void time(SyncStoreResources resources, MailboxSession session, MessageManager mailbox,
                             SearchQuery.Criterion criterion) throws Exception {
        com.sun.management.OperatingSystemMXBean system =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        List<Long> nanos = new ArrayList<>();
        int hits = 0;
        long cpuStart = 0;
        for (int run = 0; run < 18; run++) {
            if (run == 3) {
                cpuStart = system.getProcessCpuTime();
            }
            long start = System.nanoTime();
            hits = resources.getSearchIndex().search(session, mailbox.getMailboxEntity(), SearchQuery.of(criterion))
                .collectList().block().size();
            if (run >= 3) {
                nanos.add(System.nanoTime() - start);
            }
        }
        double cpuMillis = (system.getProcessCpuTime() - cpuStart) / 1e6 / nanos.size();
        Collections.sort(nanos);
        System.out.printf("  search %-60s %6d hits  p50 %8.2f ms  CPU %8.2f ms%n", criterion, hits,
            nanos.get(nanos.size() / 2) / 1e6, cpuMillis);
    }

    private static MessageManager store(SyncStoreResources resources, MailboxSession session, int messages) throws Exception {
        return store(resources, session, messages, generated());
    }

    private static MessageManager store(SyncStoreResources resources, MailboxSession session, int messages, MailSource mail)
        throws Exception {
        MailboxPath inbox = MailboxPath.inbox(session);
        resources.getMailboxManager().createMailbox(inbox, session);
        MessageManager mailbox = resources.getMailboxManager().getMailbox(inbox, session);
        for (int id = 1; id <= messages; id++) {
            mailbox.appendMessage(MessageManager.AppendCommand.builder().build(mail.next(id)), session);
        }
        return mailbox;
    }

    /** The messages of the run: generated, or those of the file {@code search.size.mail} names. */
    private static MailSource mail() throws IOException {
        String file = System.getProperty("search.size.mail", "");
        if (file.isEmpty()) {
            return generated();
        }
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(Path.of(file)), 1 << 16));
        return id -> {
            byte[] message = new byte[in.readInt()];
            in.readFully(message);
            return message;
        };
    }

    private static MailSource generated() {
        Random random = new Random(42);
        return id -> message(random, id).getBytes(StandardCharsets.US_ASCII);
    }

    /** Gives the messages to store, one by one. */
    private interface MailSource {
        byte[] next(int id) throws IOException;
    }

    /** About 2 KB: the headers of a real message (unique ids included) and a text body of English-like words. */
    private static String message(Random random, int id) {
        int sender = id % 97;
        StringBuilder text = new StringBuilder(2200)
            .append("Return-Path: <sender").append(sender).append("@example.org>\r\n")
            .append("Message-ID: <").append(Integer.toString(id * 7919, 36)).append('.').append(id).append("@load.example.org>\r\n")
            .append(String.format("Date: Fri, 27 Nov 2026 12:%02d:%02d +0000\r\n", id % 60, (id / 60) % 60))
            .append("From: Sender ").append(sender).append(" <sender").append(sender).append("@example.org>\r\n")
            .append("To: Recipient <user@bench.test>\r\n")
            .append("Subject: ").append(words(random, 3 + random.nextInt(5))).append(" #").append(id).append("\r\n")
            .append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
        while (text.length() < 2048) {
            text.append(words(random, 10 + random.nextInt(3))).append("\r\n");
        }
        return text.toString();
    }

    private static String words(Random random, int count) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < count; i++) {
            words.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return words.toString();
    }
}
