package io.syncstore.backend.mail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.james.mailbox.model.AttachmentId;
import org.apache.james.mailbox.model.AttachmentMetadata;
import org.apache.james.mailbox.model.Cid;
import org.apache.james.mailbox.model.MessageAttachmentMetadata;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.UncheckedStorageException;
import io.syncstore.backend.sql.AttachmentSql;

/**
 * The attachments a message names (table {@code message_attachment}). An attachment is deleted, and its content
 * released, once no message names it and the message that stored it is gone.
 */
final class MessageAttachments {
    private final ContentStore contentStore;

    MessageAttachments(ContentStore contentStore) {
        this.contentStore = contentStore;
    }

    void link(Connection connection, long messagePk, List<MessageAttachmentMetadata> attachments) throws SQLException {
        Sql.batch(connection, AttachmentSql.LINK, IntStream.range(0, attachments.size())
            .mapToObj(position -> {
                MessageAttachmentMetadata attachment = attachments.get(position);
                return new Object[] {messagePk, position, attachment.getAttachmentId().getId(),
                    attachment.getName().orElse(null), attachment.getCid().map(Cid::getValue).orElse(null),
                    attachment.isInline() ? 1 : 0};
            })
            .collect(Collectors.toList()));
    }

    /**
     * Read on their own connection, after the message's row: an attachment's row is never changed, only deleted with
     * the last message naming it, so a message deleted meanwhile reads none, as its content then reads no body.
     */
    List<MessageAttachmentMetadata> of(Database database, long messagePk) {
        return UncheckedStorageException.unchecked(() -> database.read(connection -> of(connection, messagePk)));
    }

    private List<MessageAttachmentMetadata> of(Connection connection, long messagePk) throws SQLException {
        return Sql.list(connection, AttachmentSql.LINKED, row -> MessageAttachmentMetadata.builder()
            .attachment(metadata(row))
            .name(Optional.ofNullable(row.getString("name")))
            .cid(Optional.ofNullable(row.getString("cid")).map(Cid::from))
            .isInline(row.getInt("is_inline") == 1)
            .build(), messagePk);
    }

    /** Drops the links of a message about to be deleted; returns the attachments it named. */
    List<String> unlink(Connection connection, long messagePk) throws SQLException {
        return Sql.list(connection, AttachmentSql.UNLINK, row -> row.getString(1), messagePk);
    }

    /** After a message was deleted: deletes the attachments it named or owned that nothing needs any more. */
    void deleteUnused(Connection connection, List<String> named, String ownerMessageId) throws SQLException {
        Set<String> candidates = new LinkedHashSet<>(named);
        candidates.addAll(Sql.list(connection, AttachmentSql.OWNED_BY, row -> row.getString(1), ownerMessageId));
        for (String attachmentId : candidates) {
            Optional<String> unusedContent = Sql.first(connection, AttachmentSql.DELETE_IF_UNUSED, row -> row.getString(1), attachmentId);
            if (unusedContent.isPresent()) {
                contentStore.release(connection, unusedContent.get());
            }
        }
    }

    static AttachmentMetadata metadata(ResultSet row) throws SQLException {
        return AttachmentMetadata.builder()
            .attachmentId(AttachmentId.from(row.getString("id")))
            .messageId(MessageIdColumn.read(row.getString("message_id")))
            .type(row.getString("content_type"))
            .size(row.getLong("size"))
            .build();
    }
}
