package io.syncstore.backend.mail;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.apache.james.mailbox.exception.AttachmentNotFoundException;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.AttachmentId;
import org.apache.james.mailbox.model.AttachmentMetadata;
import org.apache.james.mailbox.model.MessageAttachmentMetadata;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ParsedAttachment;
import org.apache.james.mailbox.store.mail.AttachmentMapper;
import org.apache.james.mailbox.store.transaction.NonTransactionalMapper;

import com.google.common.base.Preconditions;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.AttachmentSql;
import reactor.core.publisher.Mono;

/**
 * Attachments, stored by the message storer before the message that owns them, their bytes in the content store.
 * They are deleted with the last message that names them (see {@link MessageAttachments}).
 */
public class SyncStoreAttachmentMapper extends NonTransactionalMapper implements AttachmentMapper {
    private final Database database;
    private final ContentStore contentStore;

    public SyncStoreAttachmentMapper(Database database, ContentStore contentStore) {
        this.database = database;
        this.contentStore = contentStore;
    }

    @Override
    public InputStream loadAttachmentContent(AttachmentId attachmentId) throws AttachmentNotFoundException, IOException {
        try {
            String hash = database.read(connection -> Sql.first(connection, AttachmentSql.FIND, row -> row.getString("content_hash"), attachmentId.getId()))
                .orElseThrow(() -> new AttachmentNotFoundException(attachmentId.getId()));
            return contentStore.open(hash);
        } catch (AttachmentNotFoundException e) {
            throw e;
        } catch (MailboxException e) {
            throw new IOException("Cannot read attachment " + attachmentId.getId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public AttachmentMetadata getAttachment(AttachmentId attachmentId) throws AttachmentNotFoundException {
        Preconditions.checkArgument(attachmentId != null);
        return find(attachmentId).orElseThrow(() -> new AttachmentNotFoundException(attachmentId.getId()));
    }

    @Override
    public Mono<AttachmentMetadata> getAttachmentReactive(AttachmentId attachmentId) {
        Preconditions.checkArgument(attachmentId != null);
        return findReactive(attachmentId)
            .flatMap(Mono::justOrEmpty)
            .switchIfEmpty(Mono.error(() -> new AttachmentNotFoundException(attachmentId.getId())));
    }

    @Override
    public List<AttachmentMetadata> getAttachments(Collection<AttachmentId> attachmentIds) {
        Preconditions.checkArgument(attachmentIds != null);
        List<AttachmentMetadata> found = new ArrayList<>();
        for (AttachmentId attachmentId : attachmentIds) {
            find(attachmentId).ifPresent(found::add);
        }
        return found;
    }

    private Optional<AttachmentMetadata> find(AttachmentId attachmentId) {
        return findReactive(attachmentId).block();
    }

    private Mono<Optional<AttachmentMetadata>> findReactive(AttachmentId attachmentId) {
        return database.readReactive(connection -> Sql.first(connection, AttachmentSql.FIND, MessageAttachments::metadata, attachmentId.getId()));
    }

    @Override
    public List<MessageAttachmentMetadata> storeAttachments(Collection<ParsedAttachment> attachments, MessageId ownerMessageId) throws MailboxException {
        PreparedAttachments prepared = prepare(attachments, ownerMessageId);
        try {
            database.write(connection -> {
                insert(connection, prepared);
                return null;
            });
            return prepared.metadata();
        } finally {
            prepared.discard();
        }
    }

    /**
     * Reads the attachments and makes their contents durable outside any write; {@link #insert} them in the write
     * that stores their message, then {@link PreparedAttachments#discard} what that write did not take.
     */
    public PreparedAttachments prepare(Collection<ParsedAttachment> attachments, MessageId ownerMessageId) throws MailboxException {
        PreparedAttachments prepared = new PreparedAttachments(contentStore, ownerMessageId);
        try {
            for (ParsedAttachment attachment : attachments) {
                prepared.add(attachment, contentStore.prepare(attachment.getContent().openStream()));
            }
            return prepared;
        } catch (IOException e) {
            prepared.discard();
            throw new MailboxException("Cannot read attachment: " + e.getMessage(), e);
        } catch (MailboxException | RuntimeException e) {
            prepared.discard();
            throw e;
        }
    }

    /** Stores prepared attachments; call inside a write. */
    public void insert(Connection connection, PreparedAttachments attachments) throws SQLException {
        attachments.insert(connection);
    }

    @Override
    public Collection<MessageId> getRelatedMessageIds(AttachmentId attachmentId) throws MailboxException {
        return database.read(connection -> Sql.list(connection, AttachmentSql.RELATED_MESSAGE_IDS,
            row -> MessageIdColumn.read(row.getString(1)), attachmentId.getId(), attachmentId.getId()));
    }
}
