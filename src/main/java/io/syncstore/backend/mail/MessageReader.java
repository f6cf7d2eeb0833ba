package io.syncstore.backend.mail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MessageAttachmentMetadata;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.sql.MessageSql;

/**
 * Reads messages as James's {@code SimpleMailboxMessage}s. The header comes with the row for the fetch types that
 * use it; the body is never read here but streamed when the content is opened. A message's attachments are read
 * when they are first asked for, whatever the fetch type (James's scanning search asks from metadata fetches, an IMAP
 * FETCH never does); the row tells which messages have any.
 */
final class MessageReader {
    private final Database database;
    private final ContentStore contentStore;
    private final MessageAttachments attachments;

    MessageReader(Database database, ContentStore contentStore, MessageAttachments attachments) {
        this.database = database;
        this.contentStore = contentStore;
        this.attachments = attachments;
    }

    List<MailboxMessage> inRange(Connection connection, SyncStoreMailboxId mailboxId, MessageUid from, MessageUid to,
                                 FetchType fetchType, int limit) throws SQLException {
        String sql = fetchType == FetchType.METADATA ? MessageSql.MESSAGES_IN_RANGE : MessageSql.MESSAGES_WITH_HEADER_IN_RANGE;
        return Sql.list(connection, sql, row -> read(row, fetchType),
            mailboxId.value(), from.asLong(), to.asLong(), limit);
    }

    List<MailboxMessage> ofMessageId(Connection connection, MessageId messageId, FetchType fetchType) throws SQLException {
        String sql = fetchType == FetchType.METADATA ? MessageSql.MESSAGES_OF_MESSAGE_ID : MessageSql.MESSAGES_WITH_HEADER_OF_MESSAGE_ID;
        return Sql.list(connection, sql, row -> read(row, fetchType), messageId.serialize());
    }

    private MailboxMessage read(ResultSet row, FetchType fetchType) throws SQLException {
        StoredEntry entry = StoredEntry.read(row);
        Long textualLineCount = Sql.optionalLong(row, "textual_line_count").orElse(null);
        Optional<byte[]> header = fetchType == FetchType.METADATA ? Optional.empty() : Optional.of(bytes(row.getBytes("header")));
        long messagePk = entry.messagePk();
        Supplier<List<MessageAttachmentMetadata>> messageAttachments = row.getBoolean("has_attachments")
            ? () -> attachments.of(database, messagePk)
            : List::of;
        StoredMailboxMessage message = new StoredMailboxMessage(entry.messageId(), entry.threadId(), entry.internalDate(),
            entry.size(), row.getInt("body_start"),
            new StoredContent(database, contentStore, messagePk, header, row.getString("body_hash"), entry.size()),
            entry.flags(), MimeProperties.parsedWhenAsked(row.getString("mime_properties"), textualLineCount),
            textualLineCount, entry.mailboxId(), messageAttachments, Optional.of(entry.saveDate()));
        message.setUid(entry.uid());
        message.setModSeq(entry.modSeq());
        return message;
    }

    /** SQLite hands back an empty blob as null. */
    static byte[] bytes(byte[] blob) {
        return blob == null ? new byte[0] : blob;
    }
}
