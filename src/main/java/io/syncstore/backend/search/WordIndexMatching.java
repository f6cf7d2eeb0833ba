package io.syncstore.backend.search;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Sql;

/**
 * Substring search on SQLite's word index (migration V21, docs/search.md): the FTS5 table {@code message_text} holds,
 * per message, the words of each column ({@link IndexTerms}); {@code search_term} holds every word ever indexed, with a
 * trigram index of its own to find the words that contain a value.
 *
 * <p>A value without white space occurs in a column exactly when one of the column's words contains it: the index
 * answers it alone. A value with white space is cut into words: the first must end a word of the text, the last begin
 * one, those between be words; the messages holding such words are candidates, checked against their text.</p>
 */
final class WordIndexMatching extends TextMatching {
    private static final int TRIGRAM = 3;
    /** Tokens per FTS5 query: a value found in many words is asked in several queries. */
    private static final int TOKENS_PER_QUERY = 500;
    private static final String WORDS_BY_TRIGRAMS = "SELECT term FROM search_term WHERE id IN "
        + "(SELECT rowid FROM search_term_trigrams WHERE search_term_trigrams MATCH ?)";
    private static final String WORDS_CONTAINING = "SELECT term FROM search_term WHERE instr(term, ?) > 0";
    private static final String WORD = "SELECT term FROM search_term WHERE term = ?";
    private static final String MATCHING_MESSAGES = "SELECT rowid FROM message_text WHERE message_text MATCH ?";

    private final ContentStore contentStore;

    WordIndexMatching(ContentStore contentStore) {
        this.contentStore = contentStore;
    }

    private static final class DerivingScope extends Scope {
        final DerivedTexts texts;

        DerivingScope(Connection connection, List<Long> mailboxIds, ContentStore contentStore) {
            super(connection, mailboxIds);
            this.texts = new DerivedTexts(connection, contentStore);
        }
    }

    @Override
    Scope scope(Connection connection, List<Long> mailboxIds) {
        return new DerivingScope(connection, mailboxIds, contentStore);
    }

    @Override
    String contains(Scope scope, List<String> columns, String foldedValue, List<Object> parameters) throws SQLException {
        List<String> words = IndexTerms.words(foldedValue);
        if (isOneWord(foldedValue, words)) {
            List<String> tokens = tokens(scope.connection, columns, WordPosition.ANYWHERE, words.get(0));
            if (tokens.isEmpty()) {
                return "1 = 0";
            }
            if (tokens.size() <= TOKENS_PER_QUERY) {
                parameters.add(anyOf(tokens));
                return "mm.message_id IN (" + MATCHING_MESSAGES + ")";
            }
            return in("mm.message_id", messagesWithAny(scope, tokens), parameters);
        }
        DerivedTexts texts = ((DerivingScope) scope).texts;
        Collection<Long> candidates = candidates(scope, columns, foldedValue, words);
        Set<Long> bodiesWithout = columns.contains("body")
            ? texts.bodiesWithout(candidates, foldedValue, columns.size() > 1) : Set.of();
        List<Long> found = new ArrayList<>();
        for (long pk : candidates) {
            if (texts.contains(pk, columns, foldedValue, bodiesWithout.contains(pk))) {
                found.add(pk);
            }
        }
        return in("mm.message_id", found, parameters);
    }

    @Override
    Map<Long, String> headersContaining(Scope scope, String foldedValue) throws SQLException {
        DerivedTexts texts = ((DerivingScope) scope).texts;
        Map<Long, String> headers = new LinkedHashMap<>();
        for (long pk : candidates(scope, List.of("headers"), foldedValue, IndexTerms.words(foldedValue))) {
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
     */
    private Collection<Long> candidates(Scope scope, List<String> columns, String value, List<String> words) throws SQLException {
        Set<Long> candidates = null;
        for (int i = 0; i < words.size(); i++) {
            boolean startsAWord = i > 0 || IndexTerms.isSpace(value.charAt(0));
            boolean endsAWord = i < words.size() - 1 || IndexTerms.isSpace(value.charAt(value.length() - 1));
            List<String> tokens = tokens(scope.connection, columns, WordPosition.of(startsAWord, endsAWord), words.get(i));
            Set<Long> holding = messagesWithAny(scope, tokens);
            if (candidates == null) {
                candidates = holding;
            } else {
                candidates.retainAll(holding);
            }
            if (candidates.isEmpty()) {
                return candidates;
            }
        }
        Set<Long> inMailboxes = inMailboxes(scope);
        if (candidates != null) {
            inMailboxes.retainAll(candidates);
        }
        return inMailboxes;
    }

    /** The tokens of the index, in the columns, for the words of the vocabulary that hold the part of a value. */
    private static List<String> tokens(Connection connection, List<String> columns, WordPosition position, String part)
        throws SQLException {
        List<String> tokens = new ArrayList<>();
        for (String word : vocabulary(connection, position, part)) {
            for (String column : columns) {
                tokens.add(IndexTerms.token(column, word));
            }
        }
        return tokens;
    }

    private static List<String> vocabulary(Connection connection, WordPosition position, String part) throws SQLException {
        if (position == WordPosition.WHOLE) {
            return Sql.list(connection, WORD, row -> row.getString(1), part);
        }
        List<String> trigrams = trigrams(part);
        List<String> found = trigrams.isEmpty()
            ? Sql.list(connection, WORDS_CONTAINING, row -> row.getString(1), part)
            : Sql.list(connection, WORDS_BY_TRIGRAMS, row -> row.getString(1), trigrams.stream().map(WordIndexMatching::quoted)
                .collect(Collectors.joining(" AND ")));
        return found.stream().filter(word -> position.holds(word, part)).collect(Collectors.toList());
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
    private static Set<Long> messagesWithAny(Scope scope, List<String> tokens) throws SQLException {
        Set<Long> messages = new HashSet<>();
        for (int from = 0; from < tokens.size(); from += TOKENS_PER_QUERY) {
            String match = anyOf(tokens.subList(from, Math.min(tokens.size(), from + TOKENS_PER_QUERY)));
            messages.addAll(Sql.list(scope.connection, MATCHING_MESSAGES, row -> row.getLong(1), match));
        }
        return messages;
    }

    private Set<Long> inMailboxes(Scope scope) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        return new HashSet<>(Sql.list(scope.connection, "SELECT mm.message_id FROM mailbox_message mm WHERE "
            + in("mm.mailbox_id", scope.mailboxIds, parameters), row -> row.getLong(1), parameters.toArray()));
    }

    private static String anyOf(List<String> tokens) {
        return tokens.stream().map(WordIndexMatching::quoted).collect(Collectors.joining(" OR "));
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
