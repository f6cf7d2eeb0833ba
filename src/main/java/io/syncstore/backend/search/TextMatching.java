package io.syncstore.backend.search;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import io.syncstore.backend.db.PostgresDialect;
import io.syncstore.backend.db.SqlDialect;

/**
 * How a database finds the messages whose indexed text contains a substring, and how a set of numbers is passed to
 * it: SQLite's FTS5 trigram index answers a phrase of 3 characters or more (shorter ones are found by reading the
 * indexed text of the candidate messages); PostgreSQL's pg_trgm GIN indexes answer LIKE '%...%'.
 */
abstract class TextMatching {
    static TextMatching of(SqlDialect dialect) {
        return dialect instanceof PostgresDialect ? new Postgres() : new Sqlite();
    }

    /** A condition on {@code mm.message_id}: the folded value occurs in one of the columns of message_text. */
    abstract String contains(List<String> columns, String foldedValue, List<Object> parameters);

    /** A condition: the expression is one of the numbers. */
    abstract String in(String expression, Collection<Long> numbers, List<Object> parameters);

    /** An always-boolean condition: the keyword is in the JSON array of mm.user_flags. */
    abstract String hasKeyword(String keyword, List<Object> parameters);

    /** A query of the rows of message_text holding the value in the column, among the candidate message pks. */
    abstract String candidatesContaining(String column, String foldedValue, List<Object> parameters);

    private static final class Sqlite extends TextMatching {
        private static final int TRIGRAM = 3;

        @Override
        String contains(List<String> columns, String foldedValue, List<Object> parameters) {
            if (foldedValue.codePointCount(0, foldedValue.length()) >= TRIGRAM) {
                parameters.add(phrase(columns, foldedValue));
                return "mm.message_id IN (SELECT rowid FROM message_text WHERE message_text MATCH ?)";
            }
            StringBuilder any = new StringBuilder();
            for (String column : columns) {
                any.append(any.length() == 0 ? "" : " OR ").append("instr(t.").append(column).append(", ?) > 0");
                parameters.add(foldedValue);
            }
            return "EXISTS (SELECT 1 FROM message_text t WHERE t.rowid = mm.message_id AND (" + any + "))";
        }

        @Override
        String candidatesContaining(String column, String foldedValue, List<Object> parameters) {
            if (foldedValue.codePointCount(0, foldedValue.length()) >= TRIGRAM) {
                parameters.add(phrase(List.of(column), foldedValue));
                return "message_text MATCH ?";
            }
            parameters.add(foldedValue);
            return "instr(" + column + ", ?) > 0";
        }

        private static String phrase(List<String> columns, String foldedValue) {
            return "{" + String.join(" ", columns) + "} : \"" + foldedValue.replace("\"", "\"\"") + "\"";
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

    private static final class Postgres extends TextMatching {
        @Override
        String contains(List<String> columns, String foldedValue, List<Object> parameters) {
            StringBuilder any = new StringBuilder();
            for (String column : columns) {
                any.append(any.length() == 0 ? "" : " OR ").append(column).append(" LIKE ? ESCAPE '\\'");
                parameters.add(pattern(foldedValue));
            }
            return "mm.message_id IN (SELECT rowid FROM message_text WHERE " + any + ")";
        }

        @Override
        String candidatesContaining(String column, String foldedValue, List<Object> parameters) {
            parameters.add(pattern(foldedValue));
            return column + " LIKE ? ESCAPE '\\'";
        }

        private static String pattern(String foldedValue) {
            return "%" + foldedValue.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
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
