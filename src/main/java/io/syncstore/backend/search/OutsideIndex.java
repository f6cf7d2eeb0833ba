package io.syncstore.backend.search;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.AddressOperator;
import org.apache.james.mailbox.model.SearchQuery.ContainsOperator;
import org.apache.james.mailbox.model.SearchQuery.Criterion;
import org.apache.james.mailbox.model.SearchQuery.DateOperator;
import org.apache.james.mailbox.model.SearchQuery.ExistsOperator;
import org.apache.james.mailbox.model.SearchQuery.HeaderCriterion;
import org.apache.james.mailbox.model.SearchQuery.MimeMessageIDCriterion;
import org.apache.james.mailbox.model.SearchQuery.SubjectCriterion;
import org.apache.james.mailbox.model.SearchQuery.TextCriterion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Sql;

/**
 * The messages of the searched mailboxes whose text the index does not hold whole: not yet indexed (no index row of
 * the current format: written within the last moments, or during the rebuild after start-up), or with a header or
 * body beyond what the index takes. A key
 * on the indexed text checks them one by one against their whole text, read from the stored message by the code that
 * makes the index's text ({@link SearchText#readWhole}), with the index's own rules: the answer does not depend on
 * whether a message is indexed (docs/search.md).
 */
final class OutsideIndex {
    private static final Logger LOGGER = LoggerFactory.getLogger(OutsideIndex.class);
    private static final String ENTRIES = "SELECT mm.message_id, (s.message_pk IS NULL OR s.format < ?), "
        + "COALESCE(s.body_beyond_index, 0), COALESCE(s.headers_beyond_index, 0) "
        + "FROM mailbox_message mm LEFT JOIN message_search s ON s.message_pk = mm.message_id WHERE ";
    private static final String OUTSIDE = " AND (s.message_pk IS NULL OR s.format < ? OR s.body_beyond_index = 1 "
        + "OR s.headers_beyond_index = 1)";
    /**
     * The same once every message has its index row: read from the rows of the partial index {@code
     * message_search_outside} (V32), whose condition this repeats word for word so that the database takes it, then
     * their entries in the searched mailboxes. SQLite is held to that order (CROSS JOIN): it would otherwise walk
     * every entry of the mailboxes, as {@link #ENTRIES} does.
     */
    static final String ROWS_OUTSIDE = "SELECT mm.message_id, s.format < " + SearchText.FORMAT + ", s.body_beyond_index, "
        + "s.headers_beyond_index FROM message_search s CROSS JOIN mailbox_message mm WHERE mm.message_id = s.message_pk "
        + "AND (s.format < " + SearchText.FORMAT + " OR s.body_beyond_index = 1 OR s.headers_beyond_index = 1) AND ";
    /** Reads a message to check: its header, and where its body is. */
    static final String CONTENT = "SELECT header, body_hash FROM message WHERE id = ?";
    private static final OutsideIndex NONE = new OutsideIndex(null, null, List.of());

    private final Connection connection;
    private final ContentStore contentStore;
    private final List<Entry> entries;

    private OutsideIndex(Connection connection, ContentStore contentStore, List<Entry> entries) {
        this.connection = connection;
        this.contentStore = contentStore;
        this.entries = entries;
    }

    /** None: for a search without a key on the indexed text, which reads nothing for them. */
    static OutsideIndex none() {
        return NONE;
    }

    /**
     * The messages of the mailboxes the index does not hold whole. Once every message has an index row (the start-up
     * rebuild done: every write gives its message a row, marked not yet indexed until the indexing's turn) only the rows
     * marked outside are read; before, every entry of the mailboxes is checked for a row.
     */
    static OutsideIndex read(Connection connection, ContentStore contentStore, TextMatching matching, List<Long> mailboxIds,
                             boolean everyMessageHasARow) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql;
        if (everyMessageHasARow) {
            sql = ROWS_OUTSIDE + matching.in("mm.mailbox_id", mailboxIds, parameters);
        } else {
            parameters.add(SearchText.FORMAT);
            sql = ENTRIES + matching.in("mm.mailbox_id", mailboxIds, parameters) + OUTSIDE;
            parameters.add(SearchText.FORMAT);
        }
        return new OutsideIndex(connection, contentStore, Sql.list(connection, sql,
            row -> new Entry(row.getLong(1), row.getBoolean(2), row.getInt(3) == 1, row.getInt(4) == 1), parameters.toArray()));
    }

    /**
     * The message pks, among those the index does not hold whole for the criterion (one on the indexed text), whose
     * whole text matches it; empty when the index holds them all.
     */
    Optional<List<Long>> found(Criterion criterion) throws SQLException {
        SearchConditions.IndexedText reads = SearchConditions.IndexedText.of(criterion).orElseThrow();
        boolean headerIsEnough = !reads.body && !(criterion instanceof TextCriterion);
        List<Long> checked = new ArrayList<>();
        List<Long> found = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.notYetIndexed || reads.body && entry.bodyBeyond || reads.headers && entry.headersBeyond) {
                checked.add(entry.messagePk);
                Optional<SearchText> text = text(entry.messagePk, headerIsEnough);
                if (text.isPresent() && holds(criterion, text.get())) {
                    found.add(entry.messagePk);
                }
            }
        }
        return checked.isEmpty() ? Optional.empty() : Optional.of(found);
    }

    private Optional<SearchText> text(long pk, boolean headerIsEnough) throws SQLException {
        Optional<Object[]> row = Sql.first(connection, CONTENT, result -> new Object[] {result.getBytes(1), result.getString(2)}, pk);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        InputStream header = new ByteArrayInputStream((byte[]) row.get()[0]);
        try (InputStream message = headerIsEnough ? header
            : new SequenceInputStream(header, contentStore.open(connection, (String) row.get()[1]))) {
            return Optional.of(SearchText.readWhole(message));
        } catch (IOException | MailboxException e) {
            LOGGER.warn("Search: message {} cannot be read, taken as not matching: {}", pk, e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether the text matches the criterion, as the index's condition has it (SearchConditions). */
    private static boolean holds(Criterion criterion, SearchText text) {
        if (criterion instanceof TextCriterion) {
            TextCriterion textCriterion = (TextCriterion) criterion;
            String value = SearchText.fold(textCriterion.getOperator().getValue());
            return text.body().contains(value)
                || textCriterion.getType() == SearchQuery.Scope.FULL && text.headers().contains(value);
        }
        if (criterion instanceof SubjectCriterion) {
            return holds(((SubjectCriterion) criterion).asHeaderCriterion(), text);
        }
        if (criterion instanceof MimeMessageIDCriterion) {
            return holds(((MimeMessageIDCriterion) criterion).asHeaderCriterion(), text);
        }
        HeaderCriterion header = (HeaderCriterion) criterion;
        String name = header.getHeaderName().toLowerCase(Locale.ROOT);
        if (header.getOperator() instanceof DateOperator) {
            DateOperator operator = (DateOperator) header.getOperator();
            int day = SearchConditions.dayOf(operator);
            return text.sentDay().map(sent -> operator.getType() == SearchQuery.DateComparator.BEFORE ? sent < day
                : operator.getType() == SearchQuery.DateComparator.AFTER ? sent > day : sent == day).orElse(false);
        }
        String value = header.getOperator() instanceof ExistsOperator ? ""
            : SearchText.fold(header.getOperator() instanceof AddressOperator
                ? ((AddressOperator) header.getOperator()).getAddress()
                : ((ContainsOperator) header.getOperator()).getValue());
        String column = header.getOperator() instanceof ExistsOperator ? null : SearchConditions.headerColumn(name);
        return column != null
            ? text.column(column).contains(value)
            : TextMatching.hasLine(text.headers(), "\n" + name + ": ", value);
    }

    private static final class Entry {
        final long messagePk;
        final boolean notYetIndexed;
        final boolean bodyBeyond;
        final boolean headersBeyond;

        Entry(long messagePk, boolean notYetIndexed, boolean bodyBeyond, boolean headersBeyond) {
            this.messagePk = messagePk;
            this.notYetIndexed = notYetIndexed;
            this.bodyBeyond = bodyBeyond;
            this.headersBeyond = headersBeyond;
        }
    }
}
