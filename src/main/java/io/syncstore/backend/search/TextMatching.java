package io.syncstore.backend.search;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.SqlDialect;

/**
 * How the index finds the messages whose indexed text contains a substring, and how a set of numbers is passed to the
 * database. The word index ({@link WordIndexMatching}) keeps no text: what it cannot decide alone, and the header
 * lines a HEADER key checks, are read from the text made again from the message ({@link DerivedTexts}).
 */
abstract class TextMatching {
    static TextMatching of(SqlDialect dialect, ContentStore contentStore) {
        return new WordIndexMatching(WordIndexSql.of(dialect), contentStore);
    }

    /** What one search reads text from: its connection and the mailboxes it searches. */
    abstract static class Scope {
        final Connection connection;
        final List<Long> mailboxIds;

        Scope(Connection connection, List<Long> mailboxIds) {
            this.connection = connection;
            this.mailboxIds = mailboxIds;
        }
    }

    abstract Scope scope(Connection connection, List<Long> mailboxIds);

    /** A condition on {@code mm.message_id}: the folded value occurs in one of the columns of message_text. */
    abstract String contains(Scope scope, List<String> columns, String foldedValue, List<Object> parameters) throws SQLException;

    /**
     * The message pks of the searched mailboxes with a header field of that name (lower case) whose value holds the
     * folded value (any value when it is empty).
     */
    Collection<Long> withHeader(Scope scope, String name, String foldedValue) throws SQLException {
        String prefix = "\n" + name + ": ";
        List<Long> found = new ArrayList<>();
        for (Map.Entry<Long, String> headers : headersContaining(scope, foldedValue).entrySet()) {
            if (hasLine(headers.getValue(), prefix, foldedValue)) {
                found.add(headers.getKey());
            }
        }
        return found;
    }

    /** The indexed header lines of the searched messages that may hold the folded value, by message pk. */
    abstract Map<Long, String> headersContaining(Scope scope, String foldedValue) throws SQLException;

    /** A condition: the expression is one of the numbers. */
    abstract String in(String expression, Collection<Long> numbers, List<Object> parameters);

    /** An always-boolean condition: the keyword is in the JSON array of mm.user_flags. */
    abstract String hasKeyword(String keyword, List<Object> parameters);

    /** Whether a line of the indexed headers starts with the prefix and holds the value after it. */
    static boolean hasLine(String headers, String prefix, String value) {
        for (int at = headers.indexOf(prefix); at >= 0; at = headers.indexOf(prefix, at + 1)) {
            int end = headers.indexOf('\n', at + prefix.length());
            if (headers.substring(at + prefix.length(), end < 0 ? headers.length() : end).contains(value)) {
                return true;
            }
        }
        return false;
    }
}
