package io.syncstore.backend.search;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.james.mailbox.exception.MailboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Sql;

/**
 * The search text of stored messages made again from the messages, for one search: SQLite's word index keeps no
 * text (docs/search.md), so the messages it offers as candidates are checked against the text derived here. A
 * header-only check reads only the header the message row holds; each message is read at most once per search.
 */
final class DerivedTexts {
    private static final Logger LOGGER = LoggerFactory.getLogger(DerivedTexts.class);
    private static final String CONTENT = "SELECT header, body_hash FROM message WHERE id = ?";

    private final Connection connection;
    private final ContentStore contentStore;
    private final Map<Long, SearchText> whole = new HashMap<>();
    private final Map<Long, SearchText> headersOnly = new HashMap<>();

    DerivedTexts(Connection connection, ContentStore contentStore) {
        this.connection = connection;
        this.contentStore = contentStore;
    }

    /**
     * Whether the message's text holds the folded value in one of the columns (of message_text). The header columns
     * are read from the header alone; the body only when its bytes do not already rule the value out ({@link PlainBody}).
     */
    boolean contains(long pk, List<String> columns, String foldedValue) throws SQLException {
        List<String> headerColumns = columns.stream().filter(column -> !column.equals("body")).collect(Collectors.toList());
        if (!headerColumns.isEmpty()) {
            Optional<SearchText> header = text(pk, true);
            if (header.isPresent() && headerColumns.stream().anyMatch(column -> header.get().column(column).contains(foldedValue))) {
                return true;
            }
        }
        if (!columns.contains("body") || (!whole.containsKey(pk) && bodyCannotHold(pk, foldedValue))) {
            return false;
        }
        Optional<SearchText> text = text(pk, false);
        return text.isPresent() && text.get().body().contains(foldedValue);
    }

    private boolean bodyCannotHold(long pk, String foldedValue) throws SQLException {
        Optional<Object[]> row = Sql.first(connection, CONTENT, result -> new Object[] {result.getBytes(1), result.getString(2)}, pk);
        if (row.isEmpty()) {
            return true;
        }
        byte[] header = (byte[]) row.get()[0];
        try (InputStream body = contentStore.open(connection, (String) row.get()[1])) {
            byte[] bodyBytes = body.readAllBytes();
            if (PlainBody.cannotHold(header, bodyBytes, foldedValue)) {
                return true;
            }
            parsed(pk, false, new SequenceInputStream(new ByteArrayInputStream(header), new ByteArrayInputStream(bodyBytes)));
            return false;
        } catch (IOException | MailboxException e) {
            LOGGER.warn("Search: message {} cannot be read, taken as not matching: {}", pk, e.getMessage());
            return true;
        }
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
        SearchText text = SearchText.read(message);
        (headerOnly ? headersOnly : whole).put(pk, text);
        return text;
    }
}
