package io.syncstore.backend.search;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.syncstore.backend.db.PostgresDialect;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlDialect;

/**
 * The SQL of the word index that differs between SQLite (FTS5, migration V21) and PostgreSQL (GIN over word keys,
 * migration V34): how a message's words are written, how the vocabulary is searched, how the messages holding some
 * words are found, how a set of numbers is passed. What is indexed and how a search uses it is the same on both
 * ({@link IndexTerms}, {@link WordIndexMatching}, {@link SearchIndexRows}).
 */
abstract class WordIndexSql {
    static final String WORD = "SELECT id, term FROM search_term WHERE term = ?";

    private static final WordIndexSql SQLITE = new Sqlite();
    private static final WordIndexSql POSTGRES = new Postgres();

    static WordIndexSql of(SqlDialect dialect) {
        return dialect instanceof PostgresDialect ? POSTGRES : SQLITE;
    }

    /**
     * Of the words of a JSON array, their place in the array (from 0), the word and its id in the vocabulary, NULL for
     * a word not in it; the words in the vocabulary may be left out where {@link #insertTerms} needs no ids.
     */
    abstract String words();

    /**
     * Adds the words (a JSON array of so many distinct words) to the vocabulary, those already in it left as they are;
     * returns the ids of the words where {@link #insertTerms} needs them.
     */
    abstract Map<String, Long> insertWords(Connection connection, String wordsJson, int count) throws SQLException;

    /**
     * Whether one {@link #insertWords} of all a message's words costs no more than telling the new ones apart first:
     * on PostgreSQL the insert returns only the words it added, so the others' ids (its keys) would take a second read.
     */
    abstract boolean takesAllWordsInOneStatement();

    /**
     * Writes the message's row of words, once its words are in the vocabulary (those past the limit are not), given
     * the ids {@link #words} and {@link #insertWords} gave.
     */
    abstract void insertTerms(Connection connection, long messagePk, IndexTerms terms, Map<String, Long> ids)
        throws SQLException;

    /** Brings the planner's view of the index up to date once the start-up rebuild has (re)written many rows. */
    abstract void afterRebuild(Connection connection) throws SQLException;

    /** At least the number of words in the vocabulary, read without counting them. */
    abstract String vocabularySize();

    /** The id and word of up to the given number of words of the vocabulary containing the part. */
    abstract String wordsContaining();

    /** Like {@link #wordsContaining}, through the vocabulary's trigram index, for a part of 3 characters or more. */
    abstract String wordsByTrigrams();

    /** The parameter of {@link #wordsByTrigrams}. */
    abstract Object byTrigrams(String part, List<String> trigrams);

    /** What the index holds for a word of the vocabulary in a column. */
    abstract Object token(String column, long wordId, String word);

    /** The pks of the messages holding one of the tokens given as the parameter of {@link #anyOf}. */
    abstract String messagesWithAny();

    abstract Object anyOf(List<Object> tokens);

    /** A condition: the expression is one of the numbers. */
    abstract String in(String expression, Collection<Long> numbers, List<Object> parameters);

    /** An always-boolean condition: the keyword is in the JSON array of mm.user_flags. */
    abstract String hasKeyword(String keyword, List<Object> parameters);

    private static final class Sqlite extends WordIndexSql {
        @Override
        String words() {
            return "SELECT key, value, NULL FROM json_each(?) WHERE NOT EXISTS (SELECT 1 FROM search_term WHERE term = value) "
                + "ORDER BY key";
        }

        @Override
        Map<String, Long> insertWords(Connection connection, String wordsJson, int count) throws SQLException {
            Sql.update(connection, "INSERT OR IGNORE INTO search_term (term) SELECT value FROM json_each(?)", wordsJson);
            return Map.of();
        }

        @Override
        boolean takesAllWordsInOneStatement() {
            return true;
        }

        /** Nothing: SQLite runs without statistics, its queries say which index drives them (docs/search.md). */
        @Override
        void afterRebuild(Connection connection) {
        }

        /** FTS5's tokens are the words themselves: no ids. */
        @Override
        void insertTerms(Connection connection, long messagePk, IndexTerms terms, Map<String, Long> ids) throws SQLException {
            Sql.update(connection, "INSERT INTO message_text (rowid, terms) VALUES (?, ?)", messagePk, terms.document());
        }

        @Override
        String vocabularySize() {
            return "SELECT coalesce(max(id), 0) FROM search_term";
        }

        @Override
        String wordsContaining() {
            return "SELECT id, term FROM search_term WHERE instr(term, ?) > 0 LIMIT ?";
        }

        @Override
        String wordsByTrigrams() {
            return "SELECT t.id, t.term FROM search_term_trigrams g JOIN search_term t ON t.id = g.rowid "
                + "WHERE g.search_term_trigrams MATCH ? LIMIT ?";
        }

        @Override
        Object byTrigrams(String part, List<String> trigrams) {
            return trigrams.stream().map(Sqlite::quoted).collect(Collectors.joining(" AND "));
        }

        @Override
        Object token(String column, long wordId, String word) {
            return IndexTerms.token(column, word);
        }

        @Override
        String messagesWithAny() {
            return "SELECT rowid FROM message_text WHERE message_text MATCH ?";
        }

        @Override
        Object anyOf(List<Object> tokens) {
            return tokens.stream().map(token -> quoted((String) token)).collect(Collectors.joining(" OR "));
        }

        private static String quoted(String text) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }

        @Override
        String in(String expression, Collection<Long> numbers, List<Object> parameters) {
            parameters.add(numbers.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")));
            return expression + " IN (SELECT value FROM json_each(?))";
        }

        @Override
        String hasKeyword(String keyword, List<Object> parameters) {
            parameters.add(keyword);
            return "EXISTS (SELECT 1 FROM json_each(mm.user_flags) WHERE value = ?)";
        }
    }

    private static final class Postgres extends WordIndexSql {
        private static final String WORDS = "json_array_elements_text(CAST(? AS JSON)) WITH ORDINALITY AS w (word, place)";
        /**
         * A word's id, looked up through the vocabulary's unique index: joined instead, the words of a message (100 to
         * 200) had PostgreSQL hash the whole vocabulary (3 ms per APPEND at 25,000 words, growing with it).
         */
        private static final String ID = "(SELECT id FROM search_term WHERE term = word)";

        @Override
        String words() {
            return "SELECT place - 1, word, " + ID + " FROM " + WORDS + " ORDER BY place";
        }

        /**
         * In the words' order, so that two APPENDs adding some of the same words wait for each other rather than
         * deadlock; a rebuild's batch inserts each message's words in order but not the batch's, so it may still meet
         * a deadlock, which the writer retries. A word another node added meanwhile is not returned by the insert: it
         * is read after it.
         */
        @Override
        Map<String, Long> insertWords(Connection connection, String wordsJson, int count) throws SQLException {
            Map<String, Long> ids = new HashMap<>();
            Sql.list(connection, "INSERT INTO search_term (term) SELECT word FROM " + WORDS + " ORDER BY word "
                + "ON CONFLICT (term) DO NOTHING RETURNING term, id", row -> ids.put(row.getString(1), row.getLong(2)), wordsJson);
            if (ids.size() < count) {
                Sql.list(connection, "SELECT word, " + ID + " FROM " + WORDS, row -> ids.put(row.getString(1), row.getLong(2)),
                    wordsJson);
            }
            return ids;
        }

        @Override
        boolean takesAllWordsInOneStatement() {
            return false;
        }

        @Override
        void insertTerms(Connection connection, long messagePk, IndexTerms terms, Map<String, Long> ids) throws SQLException {
            long[] keys = terms.columnWords().entrySet().stream()
                .flatMap(column -> column.getValue().stream().filter(ids::containsKey)
                    .map(word -> IndexTerms.key(column.getKey(), ids.get(word))))
                .mapToLong(Long::longValue).sorted().toArray();
            Sql.update(connection, "INSERT INTO message_text (rowid, keys) VALUES (?, ?)", messagePk, differences(keys));
        }

        /**
         * Before autovacuum's first ANALYZE of a refilled message_text, a plan could test search_keys on every
         * candidate row instead of reading the GIN index: 370 ms instead of 10 for a common word in 10,000 messages.
         */
        @Override
        void afterRebuild(Connection connection) throws SQLException {
            Sql.update(connection, "ANALYZE message_text, search_term");
        }

        /** The sorted keys as the varint (7 bits an octet, low first) of each one's difference to the one before. */
        private static byte[] differences(long[] sortedKeys) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(sortedKeys.length * 2);
            long previous = 0;
            for (long key : sortedKeys) {
                long delta = key - previous;
                previous = key;
                while (delta >= 0x80) {
                    out.write((int) (delta & 0x7F) | 0x80);
                    delta >>>= 7;
                }
                out.write((int) delta);
            }
            return out.toByteArray();
        }

        /** The id last given: the vocabulary's id has no index of its own (no search looks a word up by it). */
        @Override
        String vocabularySize() {
            return "SELECT last_value FROM search_term_id_seq";
        }

        @Override
        String wordsContaining() {
            return "SELECT id, term FROM search_term WHERE strpos(term, ?) > 0 LIMIT ?";
        }

        /** pg_trgm's index answers LIKE with the words holding all the trigrams, which PostgreSQL then checks. */
        @Override
        String wordsByTrigrams() {
            return "SELECT id, term FROM search_term WHERE term LIKE ? ESCAPE '\\' LIMIT ?";
        }

        @Override
        Object byTrigrams(String part, List<String> trigrams) {
            return "%" + part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        }

        @Override
        Object token(String column, long wordId, String word) {
            return IndexTerms.key(column, wordId);
        }

        @Override
        String messagesWithAny() {
            return "SELECT rowid FROM message_text WHERE search_keys(keys) && CAST(? AS BIGINT[])";
        }

        @Override
        Object anyOf(List<Object> tokens) {
            return tokens.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        }

        @Override
        String in(String expression, Collection<Long> numbers, List<Object> parameters) {
            parameters.add(numbers.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")));
            return expression + " = ANY (CAST(? AS BIGINT[]))";
        }

        @Override
        String hasKeyword(String keyword, List<Object> parameters) {
            parameters.add(keyword);
            return "COALESCE(CAST(mm.user_flags AS JSONB) @> jsonb_build_array(CAST(? AS TEXT)), FALSE)";
        }
    }
}
