package io.syncstore.backend.jmap;

import javax.inject.Inject;

import org.apache.james.jmap.api.model.Preview;
import org.apache.james.jmap.api.projections.MessageFastViewPrecomputedProperties;
import org.apache.james.jmap.api.projections.MessageFastViewProjection;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;

import com.google.common.base.Preconditions;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.JmapDataSql;
import reactor.core.publisher.Mono;

/**
 * The preview and attachment flag of each message, computed by James's {@code Email/get} the first time it reads
 * them and stored, so that listing emails again does not parse their bodies. Not computed at delivery: most messages
 * are never read through JMAP, and that cost a parse and a commit per message.
 */
public class SyncStoreMessageFastViewProjection implements MessageFastViewProjection {
    private final Database database;
    private final Metric hits;
    private final Metric misses;

    @Inject
    public SyncStoreMessageFastViewProjection(Database database, MetricFactory metricFactory) {
        this.database = database;
        this.hits = metricFactory.generate(METRIC_RETRIEVE_HIT_COUNT);
        this.misses = metricFactory.generate(METRIC_RETRIEVE_MISS_COUNT);
    }

    @Override
    public Mono<Void> store(MessageId messageId, MessageFastViewPrecomputedProperties properties) {
        Preconditions.checkNotNull(messageId);
        Preconditions.checkNotNull(properties);
        return database.writeReactive(connection -> Sql.update(connection, JmapDataSql.STORE_FAST_VIEW,
                messageId.serialize(), properties.getPreview().getValue(), properties.hasAttachment()))
            .then();
    }

    @Override
    public Mono<MessageFastViewPrecomputedProperties> retrieve(MessageId messageId) {
        Preconditions.checkNotNull(messageId);
        return database.readReactive(connection -> Sql.first(connection, JmapDataSql.FAST_VIEW,
                row -> MessageFastViewPrecomputedProperties.builder()
                    .preview(Preview.from(row.getString("preview")))
                    .hasAttachment(row.getBoolean("has_attachment"))
                    .build(),
                messageId.serialize()))
            .flatMap(Mono::justOrEmpty)
            .doOnNext(found -> hits.increment())
            .switchIfEmpty(Mono.fromRunnable(misses::increment));
    }

    @Override
    public Mono<Void> delete(MessageId messageId) {
        Preconditions.checkNotNull(messageId);
        return database.writeReactive(connection -> Sql.update(connection, JmapDataSql.DELETE_FAST_VIEW, messageId.serialize()))
            .then();
    }

    @Override
    public Mono<Void> clear() {
        return database.writeReactive(connection -> Sql.update(connection, JmapDataSql.DELETE_ALL_FAST_VIEWS))
            .then();
    }
}
