package io.syncstore.backend.jmap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;
import javax.inject.Named;

import org.apache.james.blob.api.HashBlobId;
import org.apache.james.core.Username;
import org.apache.james.jmap.api.model.Upload;
import org.apache.james.jmap.api.model.UploadId;
import org.apache.james.jmap.api.model.UploadMetaData;
import org.apache.james.jmap.api.model.UploadNotFoundException;
import org.apache.james.jmap.api.upload.UploadRepository;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.ContentType;
import org.reactivestreams.Publisher;

import com.google.common.base.Preconditions;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.content.PreparedContent;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.UploadSql;
import io.syncstore.reactive.Blocking;
import reactor.core.publisher.Mono;

/**
 * Blobs uploaded by JMAP clients (RFC 8620 §6.1), streamed into the content store. An upload is kept for a
 * limited time: each new upload removes a few of those older than that, so expired ones go without a timer.
 */
public class SyncStoreUploadRepository implements UploadRepository {
    public static final String RETENTION_NAME = "jmapUploadRetention";
    private static final int EXPIRED_REMOVED_PER_UPLOAD = 10;
    private static final HashBlobId.Factory BLOB_IDS = new HashBlobId.Factory();

    private final Database database;
    private final ContentStore contentStore;
    private final Clock clock;
    private final Duration retention;

    @Inject
    public SyncStoreUploadRepository(Database database, ContentStore contentStore, Clock clock, @Named(RETENTION_NAME) Duration retention) {
        this.database = database;
        this.contentStore = contentStore;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public Publisher<UploadMetaData> upload(InputStream data, ContentType contentType, Username user) {
        Preconditions.checkNotNull(data);
        Preconditions.checkNotNull(contentType);
        Preconditions.checkNotNull(user);
        return Blocking.call(() -> store(data, contentType, user));
    }

    @Override
    public Publisher<Upload> retrieve(UploadId id, Username user) {
        Preconditions.checkNotNull(id);
        Preconditions.checkNotNull(user);
        return database.readReactive(connection -> Sql.first(connection, UploadSql.ONE_OF,
                row -> UploadMetaData.from(id, ContentType.of(row.getString("content_type")), row.getLong("size"),
                    BLOB_IDS.from(row.getString("content_hash"))),
                id.asString(), user.asString()))
            .flatMap(Mono::justOrEmpty)
            .map(metaData -> Upload.from(metaData, () -> open(metaData)))
            .switchIfEmpty(Mono.error(() -> new UploadNotFoundException(id)));
    }

    private UploadMetaData store(InputStream data, ContentType contentType, Username user) throws MailboxException {
        PreparedContent content = contentStore.prepare(data);
        UploadId id = UploadId.random();
        try {
            database.write(connection -> {
                contentStore.reference(connection, content);
                Sql.update(connection, UploadSql.INSERT, id.asString(), user.asString(), contentType.asString(),
                    content.size(), content.hash(), clock.millis());
                removeExpired(connection);
                return null;
            });
        } catch (MailboxException | RuntimeException e) {
            contentStore.discard(content);
            throw e;
        }
        return UploadMetaData.from(id, contentType, content.size(), BLOB_IDS.from(content.hash()));
    }

    private void removeExpired(Connection connection) throws SQLException {
        List<Map.Entry<String, String>> expired = Sql.list(connection, UploadSql.UPLOADED_BEFORE,
            row -> Map.entry(row.getString("id"), row.getString("content_hash")),
            clock.millis() - retention.toMillis(), EXPIRED_REMOVED_PER_UPLOAD);
        for (Map.Entry<String, String> upload : expired) {
            Sql.update(connection, UploadSql.DELETE, upload.getKey());
            contentStore.release(connection, upload.getValue());
        }
    }

    private InputStream open(UploadMetaData metaData) {
        try {
            return contentStore.open(metaData.blobId().asString());
        } catch (MailboxException e) {
            throw new UncheckedIOException(new IOException("Upload " + metaData.uploadId().asString() + " is no longer stored", e));
        }
    }
}
