package io.syncstore.backend.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.stream.Stream;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.ByteContent;
import org.apache.james.mailbox.model.Content;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.ContentSql;

/** Mappers over one database plus what the SyncStore tests inspect: mailboxes, messages, stored content. */
final class StoreFixture {
    static final String HEADER = "From: alice@example.com\r\nSubject: test\r\n\r\n";

    private final SyncStoreMapperProvider provider;
    final SyncStoreMailboxMapper mailboxes;
    final SyncStoreMessageMapper messages;
    final SyncStoreMessageIdMapper messageIds;
    final SyncStoreAttachmentMapper attachments;
    final SyncStoreUidProvider uids;
    final SyncStoreModSeqProvider modSeqs;

    StoreFixture(Database database) {
        this.provider = new SyncStoreMapperProvider(database);
        this.mailboxes = provider.createMailboxMapper();
        this.messages = provider.createMessageMapper();
        this.messageIds = provider.createMessageIdMapper();
        this.attachments = provider.createAttachmentMapper();
        this.uids = new SyncStoreUidProvider(database);
        this.modSeqs = new SyncStoreModSeqProvider(database);
    }

    Database database() {
        return provider.database();
    }

    Mailbox createMailbox(String name) {
        return mailboxes.create(MailboxPath.forUser(Username.of("bob"), name), UidValidity.of(42)).block();
    }

    MessageId newMessageId() {
        return provider.generateMessageId();
    }

    static SimpleMailboxMessage message(Mailbox mailbox, MessageId messageId, String body) {
        byte[] content = (HEADER + body).getBytes(StandardCharsets.UTF_8);
        return message(mailbox, messageId, new ByteContent(content));
    }

    static SimpleMailboxMessage message(Mailbox mailbox, MessageId messageId, Content content) {
        try {
            return SimpleMailboxMessage.builder()
                .messageId(messageId)
                .threadId(ThreadId.fromBaseMessageId(messageId))
                .mailboxId(mailbox.getMailboxId())
                .internalDate(new Date())
                .size(content.size())
                .bodyStartOctet(HEADER.length())
                .content(content)
                .flags(new Flags())
                .properties(new PropertyBuilder())
                .build();
        } catch (MailboxException e) {
            throw new IllegalStateException(e);
        }
    }

    long storedContents() throws MailboxException {
        return database().read(connection -> Sql.count(connection, ContentSql.STORED_CONTENT_COUNT));
    }

    long storedBytes() throws MailboxException {
        return database().read(connection -> Sql.count(connection, ContentSql.TOTAL_STORED_BYTES));
    }

    /** Large content kept apart from its row: files outside the staging area on SQLite, chunked content on PostgreSQL. */
    long largeContents() throws MailboxException {
        if (database().dialect().sharedByNodes()) {
            return database().read(connection -> Sql.count(connection, "SELECT count(DISTINCT hash) FROM content_chunk"));
        }
        Path directory = database().configuration().contentDirectory();
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                .filter(file -> !file.getParent().equals(directory.resolve("staging")))
                .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
