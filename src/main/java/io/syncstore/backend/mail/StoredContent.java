package io.syncstore.backend.mail;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Content;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.MessageSql;

/**
 * The content of a stored message, read on demand: the header from the message row (unless the query already
 * loaded it), the body streamed from the content store. Nothing is read until a stream is opened.
 */
final class StoredContent implements Content {
    private final Database database;
    private final ContentStore contentStore;
    private final long messagePk;
    private final Optional<byte[]> loadedHeader;
    private final String bodyHash;
    private final long size;

    StoredContent(Database database, ContentStore contentStore, long messagePk, Optional<byte[]> loadedHeader,
                  String bodyHash, long size) {
        this.database = database;
        this.contentStore = contentStore;
        this.messagePk = messagePk;
        this.loadedHeader = loadedHeader;
        this.bodyHash = bodyHash;
        this.size = size;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return new HeaderThenBodyStream(header(), this::openBody);
    }

    @Override
    public long size() {
        return size;
    }

    private byte[] header() throws IOException {
        if (loadedHeader.isPresent()) {
            return loadedHeader.get();
        }
        try {
            return database.read(connection -> Sql.first(connection, MessageSql.HEADER, row -> MessageReader.bytes(row.getBytes(1)), messagePk))
                .orElseThrow(() -> new IOException("The message was deleted while being read"));
        } catch (MailboxException e) {
            throw new IOException("Cannot read the message header: " + e.getMessage(), e);
        }
    }

    private InputStream openBody() throws IOException {
        try {
            return contentStore.open(bodyHash);
        } catch (MailboxException e) {
            throw new IOException("Cannot read the message body: " + e.getMessage(), e);
        }
    }
}
