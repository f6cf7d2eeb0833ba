package io.syncstore.backend.mail;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.mailbox.model.AttachmentId;
import org.apache.james.mailbox.model.MessageAttachmentMetadata;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ParsedAttachment;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.content.PreparedContent;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.AttachmentSql;

/** The attachments of a new message, their ids chosen and their contents durable, waiting for the write that stores them. */
public final class PreparedAttachments {
    private final ContentStore contentStore;
    private final MessageId ownerMessageId;
    private final List<MessageAttachmentMetadata> metadata = new ArrayList<>();
    private final List<PreparedContent> contents = new ArrayList<>();

    PreparedAttachments(ContentStore contentStore, MessageId ownerMessageId) {
        this.contentStore = contentStore;
        this.ownerMessageId = ownerMessageId;
    }

    void add(ParsedAttachment attachment, PreparedContent content) {
        contents.add(content);
        metadata.add(attachment.asMessageAttachment(AttachmentId.random(), content.size(), ownerMessageId));
    }

    /** What the message names: the attachments with their ids. */
    public List<MessageAttachmentMetadata> metadata() {
        return List.copyOf(metadata);
    }

    void insert(Connection connection) throws SQLException {
        for (int i = 0; i < metadata.size(); i++) {
            PreparedContent content = contents.get(i);
            MessageAttachmentMetadata attachment = metadata.get(i);
            contentStore.reference(connection, content);
            Sql.update(connection, AttachmentSql.INSERT, attachment.getAttachmentId().getId(), ownerMessageId.serialize(),
                attachment.getAttachment().getType().asString(), content.size(), content.hash());
        }
    }

    /** Removes the staged contents the write did not take (all of them when it failed). */
    public void discard() {
        contents.forEach(contentStore::discard);
    }
}
