package io.syncstore.backend.data;

import java.io.IOException;
import java.io.InputStream;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.server.core.MimeMessageSource;

import io.syncstore.backend.content.ContentStore;

/** The MIME content of a spooled mail, read from the content store only when James parses or streams it. */
final class StoredContentSource implements MimeMessageSource {
    private final ContentStore contentStore;
    private final String hash;
    private final long size;

    StoredContentSource(ContentStore contentStore, String hash, long size) {
        this.contentStore = contentStore;
        this.hash = hash;
        this.size = size;
    }

    @Override
    public String getSourceId() {
        return hash;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        try {
            return contentStore.open(hash);
        } catch (MailboxException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public long getMessageSize() {
        return size;
    }
}
