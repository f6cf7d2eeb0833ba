package io.syncstore.backend.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.content.PreparedContent;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.search.SearchIndexRows;
import io.syncstore.backend.search.SortingColumns;
import io.syncstore.backend.sql.MessageSql;
import io.syncstore.backend.sql.ThreadSql;
import io.syncstore.mime.MessagePart;
import io.syncstore.mime.MessageSummary;
import io.syncstore.mime.SortingHeaders;

/**
 * The immutable part of messages (table {@code message}): one row per message id, shared by the mailbox entries of
 * that id and deleted with the last of them.
 */
final class StoredMessages {
    private final Database database;
    private final ContentStore contentStore;
    private final MessageAttachments attachments;

    StoredMessages(Database database, ContentStore contentStore) {
        this.database = database;
        this.contentStore = contentStore;
        this.attachments = new MessageAttachments(contentStore);
    }

    MessageAttachments attachments() {
        return attachments;
    }

    /**
     * Reads the message and makes its body durable, unless the store already holds its message id (a copy). Call
     * outside any write, and {@link #discard} the result after the write.
     */
    Optional<PreparedMessage> prepareUnlessStored(MailboxMessage message) throws MailboxException {
        boolean stored = database.read(connection -> pk(connection, message.getMessageId()).isPresent());
        return stored ? Optional.empty() : Optional.of(prepare(message));
    }

    /**
     * Reads the message once: its header for the row, its body for the content store and, unless it is too large to
     * hold in memory, the whole of it for its summary; its header for what SORT and THREAD compare, from the summary's
     * own walk of the message when that walk ends the header where the stored header ends. Its text is indexed after
     * the write ({@link SearchIndexRows#writeNotYetIndexed}).
     */
    PreparedMessage prepare(MailboxMessage message) throws MailboxException {
        try (InputStream content = message.getFullContent()) {
            int headerSize = Math.toIntExact(message.getHeaderOctets());
            byte[] header;
            PreparedContent body;
            byte[] summary = null;
            SortingHeaders sortingHeaders;
            if (message.getFullContentOctets() <= MessageSummaryStore.SUMMARISED_UP_TO) {
                byte[] whole = content.readAllBytes();
                header = Arrays.copyOf(whole, headerSize);
                body = contentStore.prepare(new ByteArrayInputStream(whole, headerSize, whole.length - headerSize));
                MessagePart root = MessagePart.parse(whole);
                summary = MessageSummary.of(root);
                sortingHeaders = root.bodyStart == headerSize ? SortingHeaders.of(root.header::value) : SortingHeaders.ofHeader(header);
            } else {
                header = content.readNBytes(headerSize);
                body = contentStore.prepare(content);
                sortingHeaders = SortingHeaders.ofHeader(header);
            }
            return new PreparedMessage(message.getMessageId(), message.getThreadId(), message.getInternalDate(), header, body,
                message.getTextualLineCount(), MimeProperties.write(message.getProperties()), message.getAttachments(),
                summary, SortingColumns.values(sortingHeaders));
        } catch (IOException e) {
            throw new MailboxException("Cannot read message " + message.getMessageId().serialize() + ": " + e.getMessage(), e);
        }
    }

    /** Removes what a prepared message left behind when the write did not need it or failed. */
    void discard(Optional<PreparedMessage> prepared) {
        prepared.ifPresent(message -> contentStore.discard(message.body()));
    }

    Optional<Long> pk(Connection connection, MessageId messageId) throws SQLException {
        return Sql.first(connection, MessageSql.MESSAGE_PK, row -> row.getLong(1), messageId.serialize());
    }

    /** The row of the message id, created from the prepared message if there is none. Call inside a write. */
    long store(Connection connection, MessageId messageId, Optional<PreparedMessage> prepared) throws SQLException, MailboxException {
        Optional<Long> existing = pk(connection, messageId);
        if (existing.isPresent()) {
            return existing.get();
        }
        return storeNew(connection, messageId, prepared.orElseThrow(() ->
            new MailboxException("Message " + messageId.serialize() + " was deleted meanwhile")));
    }

    /** The row of a message id the store cannot hold yet (a new one): created without looking for it first. */
    long storeNew(Connection connection, MessageId messageId, PreparedMessage message) throws SQLException, MailboxException {
        contentStore.reference(connection, message.body());
        List<Object> sorting = message.sortingValues();
        List<Object> values = new ArrayList<>(Arrays.asList(messageId.serialize(), message.threadId().serialize(),
            message.internalDate().getTime(), message.size(), message.header().length, message.textualLineCount(),
            message.mimeProperties(), message.header(), message.body().hash(), message.summary()));
        values.addAll(sorting);
        long pk = Sql.first(connection, MessageSql.INSERT_MESSAGE, row -> row.getLong(1), values.toArray())
            .orElseThrow();
        attachments.link(connection, pk, message.attachments());
        SearchIndexRows.writeNotYetIndexed(connection, pk);
        SortingColumns.writeCopy(connection, pk, message.internalDate().getTime(), message.size(), sorting);
        return pk;
    }

    /** Deletes the message row, its body and attachment references, once no mailbox entry refers to it. */
    void releaseIfUnreferenced(Connection connection, long messagePk) throws SQLException {
        if (Sql.first(connection, MessageSql.IS_REFERENCED, row -> true, messagePk).isPresent()) {
            return;
        }
        List<String> namedAttachments = attachments.unlink(connection, messagePk);
        Optional<String[]> deleted = Sql.first(connection, MessageSql.DELETE_MESSAGE,
            row -> new String[] {row.getString("message_id"), row.getString("body_hash")}, messagePk);
        if (deleted.isPresent()) {
            contentStore.release(connection, deleted.get()[1]);
            Sql.update(connection, ThreadSql.DELETE_KEYS_OF_MESSAGE, deleted.get()[0]);
            attachments.deleteUnused(connection, namedAttachments, deleted.get()[0]);
        }
    }
}
