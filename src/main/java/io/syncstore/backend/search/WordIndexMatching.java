package io.syncstore.backend.search;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Sql;

/**
 * Substring search on the word index (SQLite's migration V21, PostgreSQL's V34, docs/search.md): {@code message_text}
 * holds, per message, the words of each column ({@link IndexTerms}); {@code search_term} holds every word ever indexed,
 * with a trigram index of its own to find the words that contain a value. The SQL that differs between the databases
 * is {@link WordIndexSql}'s.
 *
 * <p>A value without white space occurs in a column exactly when one of the column's words contains it: the index
 * answers it alone. A value with white space is cut into words: the first must end a word of the text, the last begin
 * one, those between be words; the messages holding such words are candidates, checked against their text.</p>
 *
 * <p>The vocabulary is every user's: a short or common value can be held by more words than the searched mailboxes
 * hold messages. The work a value costs is bounded by the mailboxes searched: past {@link #WORDS_PER_MESSAGE} words
 * per message of theirs (or, for a value shorter than a trigram, a vocabulary past {@link #VOCABULARY_PER_MESSAGE}
 * words per message to read), each above a floor, the value is checked against the text of the mailboxes' own
 * messages instead.</p>
 */
final class WordIndexMatching extends TextMatching {
    private static final int TRIGRAM = 3;
    /** Tokens per query: a value found in many words is asked in several queries. */
    private static final int TOKENS_PER_QUERY = 500;
    /**
     * Words of the vocabulary a value may expand to, per message of the searched mailboxes, before checking each
     * message is the cheaper way (a message's check parses it; a word costs one FTS5 token per column asked).
     */
    static final int WORDS_PER_MESSAGE = 16;
    /** Words a value may always expand to, whatever the mailboxes: a bounded cost, no count of their messages. */
    static final int WORDS_FLOOR = 256;
    /** Words of the vocabulary read for a value without trigram (by instr), per message of the searched mailboxes. */
    static final int VOCABULARY_PER_MESSAGE = 256;
    /** Words of the vocabulary a value without trigram may always read. */
    static final int VOCABULARY_FLOOR = 16_384;
    /** Candidates checked at once: their stored bytes are read together ({@link DerivedTexts#bodiesWithout}). */
    private static final int CHECKED_AT_ONCE = 100;

    private final WordIndexSql sql;
    private final ContentStore contentStore;

    WordIndexMatching(WordIndexSql sql, ContentStore contentStore) {
        this.sql = sql;
        this.contentStore = contentStore;
    }

    private final class DerivingScope extends Scope {
        final DerivedTexts texts;
        private Set<Long> messages;

        DerivingScope(Connection connection, List<Long> mailboxIds, ContentStore contentStore) {
            super(connection, mailboxIds);
            this.texts = new DerivedTexts(connection, sql, contentStore);
        }

        /** The message pks of the searched mailboxes, read once per search. */
        Set<Long> messages() throws SQLException {
            if (messages == null) {
                List<Object> parameters = new ArrayList<>();
                messages = new HashSet<>(Sql.list(connection, "SELECT mm.message_id FROM mailbox_message mm WHERE "
                    + in("mm.mailbox_id", mailboxIds, parameters), row -> row.getLong(1), parameters.toArray()));
            }
            return messages;
        }
    }

    @Override
    Scope scope(Connection connection, List<Long> mailboxIds) {
        return new DerivingScope(connection, mailboxIds, contentStore);
    }

    @Override
    String contains(Scope scope, List<String> columns, String foldedValue, List<Object> parameters) throws SQLException {
        DerivingScope deriving = (DerivingScope) scope;
        List<String> words = IndexTerms.words(foldedValue);
        if (isOneWord(foldedValue, words)) {
            Optional<List<Object>> tokens = tokens(deriving, columns, WordPosition.ANYWHERE, words.get(0));
            if (tokens.isEmpty()) {
                return in("mm.message_id", checked(deriving, deriving.messages(), columns, foldedValue), parameters);
            }
            if (tokens.get().isEmpty()) {
                return "1 = 0";
            }
            if (tokens.get().size() <= TOKENS_PER_QUERY) {
                parameters.add(sql.anyOf(tokens.get()));
                return "mm.message_id IN (" + sql.messagesWithAny() + ")";
            }
            return in("mm.message_id", messagesWithAny(scope, tokens.get()), parameters);
        }
        Collection<Long> candidates = candidates(deriving, columns, foldedValue, words);
        return in("mm.message_id", checked(deriving, candidates, columns, foldedValue), parameters);
    }

    /** The candidates whose text holds the value in one of the columns, read a hundred at a time. */
    private static List<Long> checked(DerivingScope scope, Collection<Long> candidates, List<String> columns, String foldedValue)
        throws SQLException {
        DerivedTexts texts = scope.texts;
        List<Long> all = new ArrayList<>(candidates);
        List<Long> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHECKED_AT_ONCE) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + CHECKED_AT_ONCE));
            Set<Long> bodiesWithout = columns.contains("body")
                ? texts.bodiesWithout(chunk, foldedValue, columns.size() > 1) : Set.of();
            for (long pk : chunk) {
                if (texts.contains(pk, columns, foldedValue, bodiesWithout.contains(pk))) {
                    found.add(pk);
                }
            }
        }
        return found;
    }

    @Override
    Map<Long, String> headersContaining(Scope scope, String foldedValue) throws SQLException {
        DerivingScope deriving = (DerivingScope) scope;
        DerivedTexts texts = deriving.texts;
        Map<Long, String> headers = new LinkedHashMap<>();
        for (long pk : candidates(deriving, List.of("headers"), foldedValue, IndexTerms.words(foldedValue))) {
            headers.put(pk, texts.headers(pk));
        }
        return headers;
    }

    private static boolean isOneWord(String value, List<String> words) {
        return words.size() == 1 && words.get(0).length() == value.length();
    }

    /**
     * The messages of the searched mailboxes that hold, in one of the columns, a word in the place of each word of the
     * value (all of them for a value of white space only): every message whose columns contain the value, and others.
     * A word held by too many words of the vocabulary narrows nothing.
     */
    private Collection<Long> candidates(DerivingScope scope, List<String> columns, String value, List<String> words)
        throws SQLException {
        Set<Long> candidates = null;
        for (int i = 0; i < words.size(); i++) {
            boolean startsAWord = i > 0 || IndexTerms.isSpace(value.charAt(0));
            boolean endsAWord = i < words.size() - 1 || IndexTerms.isSpace(value.charAt(value.length() - 1));
            Optional<List<Object>> tokens = tokens(scope, columns, WordPosition.of(startsAWord, endsAWord), words.get(i));
            if (tokens.isEmpty()) {
                continue;
            }
            Set<Long> holding = messagesWithAny(scope, tokens.get());
            if (candidates == null) {
                candidates = holding;
            } else {
                candidates.retainAll(holding);
            }
            if (candidates.isEmpty()) {
                return candidates;
            }
        }
        Set<Long> inMailboxes = new HashSet<>(scope.messages());
        if (candidates != null) {
            inMailboxes.retainAll(candidates);
        }
        return inMailboxes;
    }

    /**
     * The tokens of the index, in the columns, for the words of the vocabulary that hold the part of a value; none
     * when finding them would cost more than checking the searched mailboxes' messages.
     */
    private Optional<List<Object>> tokens(DerivingScope scope, List<String> columns, WordPosition position, String part)
        throws SQLException {
        Optional<List<Word>> words = vocabulary(scope, position, part);
        if (words.isEmpty()) {
            return Optional.empty();
        }
        List<Object> tokens = new ArrayList<>();
        for (Word word : words.get()) {
            for (String column : columns) {
                tokens.add(sql.token(column, word.id, word.text));
            }
        }
        return Optional.of(tokens);
    }

    private Optional<List<Word>> vocabulary(DerivingScope scope, WordPosition position, String part) throws SQLException {
        Connection connection = scope.connection;
        if (position == WordPosition.WHOLE) {
            return Optional.of(Sql.list(connection, WordIndexSql.WORD, Word::new, part));
        }
        List<String> trigrams = trigrams(part);
        if (trigrams.isEmpty() && Sql.count(connection, sql.vocabularySize())
            > Math.max(VOCABULARY_FLOOR, (long) VOCABULARY_PER_MESSAGE * scope.messages().size())) {
            return Optional.empty();
        }
        List<Word> found = wordsHolding(connection, part, trigrams, WORDS_FLOOR);
        if (found.size() > WORDS_FLOOR) {
            long mostWords = (long) WORDS_PER_MESSAGE * scope.messages().size();
            if (mostWords <= WORDS_FLOOR) {
                return Optional.empty();
            }
            found = wordsHolding(connection, part, trigrams, mostWords);
            if (found.size() > mostWords) {
                return Optional.empty();
            }
        }
        return Optional.of(found.stream().filter(word -> position.holds(word.text, part)).collect(Collectors.toList()));
    }

    /** Up to one more than the most words of the vocabulary that may hold the part (by its trigrams, when it has some). */
    private List<Word> wordsHolding(Connection connection, String part, List<String> trigrams, long most) throws SQLException {
        return trigrams.isEmpty()
            ? Sql.list(connection, sql.wordsContaining(), Word::new, part, most + 1)
            : Sql.list(connection, sql.wordsByTrigrams(), Word::new, sql.byTrigrams(part, trigrams), most + 1);
    }

    /** The distinct trigrams of the part; none when it is shorter than a trigram. */
    private static List<String> trigrams(String part) {
        int[] codePoints = part.codePoints().toArray();
        Set<String> trigrams = new LinkedHashSet<>();
        for (int i = 0; i + TRIGRAM <= codePoints.length; i++) {
            trigrams.add(new String(codePoints, i, TRIGRAM));
        }
        return new ArrayList<>(trigrams);
    }

    /**
     * The messages of every mailbox holding one of the tokens, restricted to the searched mailboxes by the caller: the
     * same MATCH with {@code rowid IN (the mailbox's messages)} took seconds where this takes milliseconds.
     */
    private Set<Long> messagesWithAny(Scope scope, List<Object> tokens) throws SQLException {
        Set<Long> messages = new HashSet<>();
        for (int from = 0; from < tokens.size(); from += TOKENS_PER_QUERY) {
            Object match = sql.anyOf(tokens.subList(from, Math.min(tokens.size(), from + TOKENS_PER_QUERY)));
            messages.addAll(Sql.list(scope.connection, sql.messagesWithAny(), row -> row.getLong(1), match));
        }
        return messages;
    }

    @Override
    String in(String expression, Collection<Long> numbers, List<Object> parameters) {
        return sql.in(expression, numbers, parameters);
    }

    @Override
    String hasKeyword(String keyword, List<Object> parameters) {
        return sql.hasKeyword(keyword, parameters);
    }

    /** A word of the vocabulary. */
    private static final class Word {
        final long id;
        final String text;

        Word(ResultSet row) throws SQLException {
            this.id = row.getLong(1);
            this.text = row.getString(2);
        }
    }

    /** Where a part of a search value must be in a word of the text, by the white space around it in the value. */
    private enum WordPosition {
        ANYWHERE, START, END, WHOLE;

        static WordPosition of(boolean startsAWord, boolean endsAWord) {
            if (startsAWord) {
                return endsAWord ? WHOLE : START;
            }
            return endsAWord ? END : ANYWHERE;
        }

        boolean holds(String word, String part) {
            switch (this) {
                case START:
                    return word.startsWith(part);
                case END:
                    return word.endsWith(part);
                case WHOLE:
                    return word.equals(part);
                default:
                    return word.contains(part);
            }
        }
    }
}
