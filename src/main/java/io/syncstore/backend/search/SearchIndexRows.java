package io.syncstore.backend.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.james.mailbox.exception.MailboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlDialect;

/**
 * The rows of the search index. A message is written with a row marking it not yet indexed, and indexed after its
 * write, in the background, in batches ({@link BackgroundIndexing}); the rows are deleted with the message (by trigger
 * or cascade). After start-up every message without a row of the current format is indexed the same way.
 */
public final class SearchIndexRows {
    private static final Logger LOGGER = LoggerFactory.getLogger(SearchIndexRows.class);
    /** Small: the batch is one transaction of the one writer, which every APPEND, STORE and EXPUNGE waits behind. */
    private static final int BATCH = 20;
    /**
     * The format of a message's row from its write to its indexing: lower than {@link SearchText#FORMAT}, so SEARCH
     * reads the message whole meanwhile, as it does a message of an older format.
     */
    static final int NOT_YET_INDEXED = -1;
    /**
     * The words new to the vocabulary that a message adds at most, its header's first, then its body's. A new word costs
     * the writer a row and its trigrams: bodies of random tokens (encoded data, keys, generated identifiers) added
     * 10,000 words each, held the one writer for a second per message on a loaded machine, and every APPEND behind it
     * waited; a header can hold as many. Prose brings few new words; a header or body with more is searched by
     * scanning, as a text longer than {@link SearchText#INDEXED_BODY_LIMIT} or {@link SearchText#INDEXED_HEADER_LIMIT}
     * is. A header beyond the index adds none of its words, leaving the body all the room.
     */
    static final int NEW_WORD_LIMIT = 2_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT_SEARCH = "INSERT INTO message_search (message_pk, format, sent_day, body_beyond_index, "
        + "headers_beyond_index) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_NOT_YET_INDEXED = "INSERT INTO message_search (message_pk, format) VALUES (?, "
        + NOT_YET_INDEXED + ")";
    /** Read from the partial index V35 makes for these rows alone. */
    private static final String NOT_YET_INDEXED_ROWS = "SELECT message_pk FROM message_search WHERE format = " + NOT_YET_INDEXED
        + " ORDER BY message_pk LIMIT " + BATCH;
    private static final String DELETE_TEXT = "DELETE FROM message_text WHERE rowid = ?";
    /**
     * Takes the message's row of an older format (or not yet indexed) to write the current one; none when another node's
     * indexing took it first (PostgreSQL makes this delete wait for that node's and then find nothing).
     */
    private static final String CLAIM = "DELETE FROM message_search WHERE message_pk = ? AND format < ?";
    private static final String WITHOUT_ROW = "SELECT 1 FROM message m WHERE m.id = ? AND NOT EXISTS "
        + "(SELECT 1 FROM message_search s WHERE s.message_pk = m.id)";
    private static final String STALE = "SELECT m.id FROM message m LEFT JOIN message_search s ON s.message_pk = m.id "
        + "WHERE s.message_pk IS NULL OR s.format < ? ORDER BY m.id";
    private static final String CONTENT = "SELECT header, body_hash FROM message WHERE id = ?";
    /**
     * A row of format 0 for a message the indexing could not read (a content file missing for a while, say): it stays
     * among the messages a text key reads whole (V32's partial index holds it), and the next start tries it again.
     */
    private static final String KEPT_OUTSIDE = "INSERT INTO message_search (message_pk, format) SELECT CAST(? AS BIGINT), 0 "
        + "WHERE EXISTS (SELECT 1 FROM message WHERE id = ?) ON CONFLICT (message_pk) DO UPDATE SET format = 0 "
        + "WHERE message_search.format = " + NOT_YET_INDEXED;

    private SearchIndexRows() {
    }

    /** The entry of a message's text, computed out of any write. */
    public static IndexEntry entry(SearchText text) throws JsonProcessingException {
        IndexTerms terms = IndexTerms.of(text);
        // The header's words first: a word of both counts as the header's
        List<String> words = new ArrayList<>(terms.headerWords());
        terms.bodyWords().stream().filter(word -> !terms.headerWords().contains(word)).forEach(words::add);
        return new IndexEntry(text, terms, JSON.writeValueAsString(words), words.size(), terms.headerWords().size());
    }

    /**
     * Marks a message just stored, in the transaction that stores it, as one to index after it. Until then every key
     * the index answers, SENT* included, reads it whole.
     */
    public static void writeNotYetIndexed(Connection connection, long messagePk) throws SQLException {
        Sql.update(connection, INSERT_NOT_YET_INDEXED, messagePk);
    }

    /** Indexes a message: its words, and those new to the vocabulary. */
    private static void write(SqlDialect dialect, Connection connection, long messagePk, IndexEntry entry) throws SQLException {
        WordIndexSql sql = WordIndexSql.of(dialect);
        SearchText text = entry.text;
        Admitted admitted = sql.takesAllWordsInOneStatement() && entry.words <= NEW_WORD_LIMIT
            // however many of its words are new, all fit: the vocabulary takes them without telling them apart first
            ? new Admitted(sql.insertWords(connection, entry.wordsJson, entry.words), false, false)
            : admitUpToTheLimit(sql, connection, entry);
        sql.insertTerms(connection, messagePk, entry.terms, admitted.ids);
        boolean bodyBeyondIndex = text.bodyBeyondIndex() || entry.terms.bodyBeyondIndex() || admitted.bodyLeftOut;
        boolean headersBeyondIndex = text.headersBeyondIndex() || entry.terms.headersBeyondIndex() || admitted.headersLeftOut;
        Sql.update(connection, INSERT_SEARCH, messagePk, SearchText.FORMAT, text.sentDay().orElse(null),
            bodyBeyondIndex ? 1 : 0, headersBeyondIndex ? 1 : 0);
    }

    /** The message's words new to the vocabulary added up to the limit, the header's first, and the ids of the others. */
    private static Admitted admitUpToTheLimit(WordIndexSql sql, Connection connection, IndexEntry entry) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        List<String> newHeaderWords = new ArrayList<>();
        List<String> newBodyWords = new ArrayList<>();
        for (Object[] row : Sql.list(connection, sql.words(), result -> new Object[] {result.getInt(1), result.getString(2),
            result.getObject(3)}, entry.wordsJson)) {
            if (row[2] != null) {
                ids.put((String) row[1], ((Number) row[2]).longValue());
            } else {
                ((Integer) row[0] < entry.headerWords ? newHeaderWords : newBodyWords).add((String) row[1]);
            }
        }
        boolean headersLeftOut = newHeaderWords.size() > NEW_WORD_LIMIT;
        boolean bodyLeftOut = false;
        if (headersLeftOut) {
            // a word of both counts as the header's: left out, it would be missing from the body's keys too
            bodyLeftOut = !Collections.disjoint(newHeaderWords, new HashSet<>(entry.terms.bodyWords()));
            newHeaderWords.clear();
        }
        int room = NEW_WORD_LIMIT - newHeaderWords.size();
        if (newBodyWords.size() > room) {
            newBodyWords = newBodyWords.subList(0, room);
            bodyLeftOut = true;
        }
        newHeaderWords.addAll(newBodyWords);
        if (!newHeaderWords.isEmpty()) {
            ids.putAll(sql.insertWords(connection, json(newHeaderWords), newHeaderWords.size()));
        }
        return new Admitted(ids, headersLeftOut, bodyLeftOut);
    }

    /** What a message's words got from the vocabulary: ids where its index needs them, and whether some were left out. */
    private static final class Admitted {
        private final Map<String, Long> ids;
        private final boolean headersLeftOut;
        private final boolean bodyLeftOut;

        private Admitted(Map<String, Long> ids, boolean headersLeftOut, boolean bodyLeftOut) {
            this.ids = ids;
            this.headersLeftOut = headersLeftOut;
            this.bodyLeftOut = bodyLeftOut;
        }
    }

    /**
     * Indexes every message that has no index row of the current format, in batches, the oldest first, until done or
     * stopped; returns how many. Each batch commits its rows: they are the mark of how far the rebuild got.
     */
    static int rebuild(Database database, ContentStore contentStore, BooleanSupplier stopped) throws MailboxException {
        List<Long> stale = database.read(connection -> Sql.list(connection, STALE, row -> row.getLong(1), SearchText.FORMAT));
        if (stale.isEmpty()) {
            return 0;
        }
        long start = System.nanoTime();
        LOGGER.info("Search index: indexing {} messages that have no index entry of format {} (missing or older index); "
            + "until done, SEARCH reads the messages not yet indexed", stale.size(), SearchText.FORMAT);
        for (int from = 0; from < stale.size(); from += BATCH) {
            if (stopped.getAsBoolean()) {
                LOGGER.info("Search index: rebuild stopped as the store closes, {} of {} messages indexed; the others are "
                    + "indexed at the next start", from, stale.size());
                return from;
            }
            index(database, contentStore, stale.subList(from, Math.min(stale.size(), from + BATCH)));
        }
        database.write(connection -> {
            WordIndexSql.of(database.dialect()).afterRebuild(connection);
            return null;
        });
        LOGGER.info("Search index: {} messages indexed in {} s; SEARCH is answered from the index alone again", stale.size(),
            (System.nanoTime() - start) / 1_000_000_000);
        return stale.size();
    }

    /**
     * Indexes the messages written and not yet indexed, a batch at a time, until none is left or stopped. A message
     * deleted before its turn costs nothing.
     */
    static void indexWritten(Database database, ContentStore contentStore, BooleanSupplier stopped) throws MailboxException {
        List<Long> batch;
        do {
            batch = database.read(connection -> Sql.list(connection, NOT_YET_INDEXED_ROWS, row -> row.getLong(1)));
            index(database, contentStore, batch);
        } while (batch.size() == BATCH && !stopped.getAsBoolean());
    }

    /** Reads the messages out of any write, then writes their index rows in one. */
    private static void index(Database database, ContentStore contentStore, List<Long> pks) throws MailboxException {
        if (pks.isEmpty()) {
            return;
        }
        Map<Long, IndexEntry> entries = new LinkedHashMap<>();
        List<Long> unread = new ArrayList<>();
        for (Long pk : pks) {
            Optional<IndexEntry> entry = read(database, contentStore, pk);
            if (entry.isPresent()) {
                entries.put(pk, entry.get());
            } else {
                unread.add(pk);
            }
        }
        try {
            database.write(connection -> {
                for (Map.Entry<Long, IndexEntry> entry : entries.entrySet()) {
                    replace(database.dialect(), connection, entry.getKey(), entry.getValue());
                }
                for (long pk : unread) {
                    Sql.update(connection, KEPT_OUTSIDE, pk, pk);
                }
                return null;
            });
        } catch (MailboxException e) {
            writeOneByOne(database, contentStore, pks, e);
        }
    }

    /** A batch whose write failed, written message by message: one message that cannot be indexed holds up no other. */
    private static void writeOneByOne(Database database, ContentStore contentStore, List<Long> pks, MailboxException failure)
        throws MailboxException {
        if (pks.size() > 1) {
            for (Long pk : pks) {
                index(database, contentStore, List.of(pk));
            }
            return;
        }
        LOGGER.warn("Search index: message {} cannot be indexed, searched by reading it: {}", pks.get(0), failure.toString());
        database.write(connection -> Sql.update(connection, KEPT_OUTSIDE, pks.get(0), pks.get(0)));
    }

    static String json(Collection<String> words) throws SQLException {
        try {
            return JSON.writeValueAsString(words);
        } catch (JsonProcessingException e) {
            throw new SQLException("Cannot encode the words of a message", e);
        }
    }

    private static Optional<IndexEntry> read(Database database, ContentStore contentStore, long pk) throws MailboxException {
        Optional<Object[]> content = database.read(connection -> Sql.first(connection, CONTENT,
            row -> new Object[] {row.getBytes(1), row.getString(2)}, pk));
        if (content.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream message = new SequenceInputStream(new ByteArrayInputStream((byte[]) content.get()[0]),
            contentStore.open((String) content.get()[1]))) {
            return Optional.of(entry(SearchText.read(message)));
        } catch (IOException | MailboxException | RuntimeException | StackOverflowError e) {
            // A message is stored before it is indexed: one the parser cannot read (nested past the stack, say) stays outside
            LOGGER.warn("Search index: message {} cannot be read, left out: {}", pk, e.toString());
            return Optional.empty();
        }
    }

    private static void replace(SqlDialect dialect, Connection connection, long pk, IndexEntry entry) throws SQLException {
        boolean claimed = Sql.update(connection, CLAIM, pk, SearchText.FORMAT) == 1;
        if (claimed || Sql.first(connection, WITHOUT_ROW, row -> true, pk).isPresent()) {
            Sql.update(connection, DELETE_TEXT, pk);
            write(dialect, connection, pk, entry);
        }
    }
}
