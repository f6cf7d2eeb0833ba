package io.syncstore.backend.search;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.mailbox.exception.MailboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Sql;

/**
 * The search text of stored messages made again from the messages, for one search: the word index keeps no
 * text (docs/search.md), so the messages it offers as candidates are checked against the text derived here. A
 * header-only check reads only the header the message row holds. The texts of the last {@link #KEPT} messages read
 * are kept for the other keys of the search: a message is read once per search unless it checks more messages.
 */
final class DerivedTexts {
    private static final Logger LOGGER = LoggerFactory.getLogger(DerivedTexts.class);
    private static final String CONTENT = "SELECT header, body_hash FROM message WHERE id = ?";
    /** The body's bytes when the content store keeps them in the row (NULL when in a file). */
    private static final String HEADERS_AND_INLINE_BODIES = "SELECT m.id, m.header, c.data FROM message m "
        + "JOIN content c ON c.hash = m.body_hash WHERE ";

    private final Connection connection;
    private final WordIndexSql sql;
    private final ContentStore contentStore;
    /** Texts kept per search, of each kind: the memory a search takes whatever the number of messages it checks. */
    private static final int KEPT = 256;

    private final Map<Long, SearchText> whole = lastRead();
    private final Map<Long, SearchText> headersOnly = lastRead();

    DerivedTexts(Connection connection, WordIndexSql sql, ContentStore contentStore) {
        this.connection = connection;
        this.sql = sql;
        this.contentStore = contentStore;
    }

    private static Map<Long, SearchText> lastRead() {
        return new LinkedHashMap<>(KEPT, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, SearchText> eldest) {
                return size() > KEPT;
            }
        };
    }

    /**
     * Whether the message's text holds the folded value in one of the columns (of message_text). The header columns
     * are read from the header alone; the body is not read when {@link #bodiesWithout} ruled it out.
     */
    boolean contains(long pk, List<String> columns, String foldedValue, boolean bodyRuledOut) throws SQLException {
        List<String> headerColumns = columns.stream().filter(column -> !column.equals("body")).collect(Collectors.toList());
        if (!headerColumns.isEmpty()) {
            Optional<SearchText> header = text(pk, true);
            if (header.isPresent() && headerColumns.stream().anyMatch(column -> header.get().column(column).contains(foldedValue))) {
                return true;
            }
        }
        if (!columns.contains("body") || bodyRuledOut) {
            return false;
        }
        Optional<SearchText> text = text(pk, false);
        return text.isPresent() && text.get().body().contains(foldedValue);
    }

    /**
     * The messages, among those given, whose body text cannot hold the value, as their stored bytes show
     * ({@link PlainBody}); all read in one query, so the caller passes them a few at a time. Headers read on the way
     * are kept for {@link #contains}.
     */
    Set<Long> bodiesWithout(Collection<Long> pks, String foldedValue, boolean headersWanted) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = HEADERS_AND_INLINE_BODIES + this.sql.in("m.id", pks, parameters);
        Set<Long> ruledOut = new HashSet<>();
        for (Object[] row : Sql.list(connection, sql,
            result -> new Object[] {result.getLong(1), result.getBytes(2), result.getBytes(3)}, parameters.toArray())) {
            long pk = (Long) row[0];
            byte[] header = (byte[]) row[1];
            if (row[2] != null && PlainBody.cannotHold(header, (byte[]) row[2], foldedValue)) {
                ruledOut.add(pk);
            }
            if (headersWanted && !headersOnly.containsKey(pk)) {
                try {
                    parsed(pk, true, new ByteArrayInputStream(header));
                } catch (IOException e) {
                    LOGGER.warn("Search: header of message {} cannot be read: {}", pk, e.getMessage());
                }
            }
        }
        return ruledOut;
    }

    /** The message's header lines as the index folds them; empty when the message is gone. */
    String headers(long pk) throws SQLException {
        return text(pk, true).map(SearchText::headers).orElse("");
    }

    private Optional<SearchText> text(long pk, boolean headerIsEnough) throws SQLException {
        SearchText known = whole.containsKey(pk) || !headerIsEnough ? whole.get(pk) : headersOnly.get(pk);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Object[]> row = Sql.first(connection, CONTENT, result -> new Object[] {result.getBytes(1), result.getString(2)}, pk);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        byte[] header = (byte[]) row.get()[0];
        try (InputStream message = headerIsEnough ? new ByteArrayInputStream(header)
            : new SequenceInputStream(new ByteArrayInputStream(header), contentStore.open(connection, (String) row.get()[1]))) {
            return Optional.of(parsed(pk, headerIsEnough, message));
        } catch (IOException | MailboxException e) {
            LOGGER.warn("Search: message {} cannot be read, taken as not matching: {}", pk, e.getMessage());
            return Optional.empty();
        }
    }

    private SearchText parsed(long pk, boolean headerOnly, InputStream message) throws IOException {
        // as the index read it: its candidates are checked against the text it was made from
        SearchText text = SearchText.read(message);
        (headerOnly ? headersOnly : whole).put(pk, text);
        return text;
    }
}
