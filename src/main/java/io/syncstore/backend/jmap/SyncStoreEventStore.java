package io.syncstore.backend.jmap;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.eventsourcing.AggregateId;
import org.apache.james.eventsourcing.Event;
import org.apache.james.eventsourcing.eventstore.EventStore;
import org.apache.james.eventsourcing.eventstore.EventStoreFailedException;
import org.apache.james.eventsourcing.eventstore.History;
import org.apache.james.eventsourcing.eventstore.cassandra.JsonEventSerializer;
import org.reactivestreams.Publisher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.common.base.Preconditions;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.EventStoreSql;
import reactor.core.publisher.Mono;
import scala.jdk.javaapi.CollectionConverters;

/**
 * James's event store in the database, for its event-sourced aggregates (JMAP filtering rules among them). The
 * events of one append are stored together or not at all; an event id already taken means another writer appended
 * first, and the append fails as James expects.
 */
public class SyncStoreEventStore implements EventStore {
    private final Database database;
    private final JsonEventSerializer serializer;

    @Inject
    public SyncStoreEventStore(Database database, JsonEventSerializer serializer) {
        this.database = database;
        this.serializer = serializer;
    }

    @Override
    public Publisher<Void> appendAll(scala.collection.Iterable<Event> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        Preconditions.checkArgument(Event.belongsToSameAggregate(events));
        List<Event> toAppend = List.copyOf(CollectionConverters.asJavaCollection(events));
        return database.writeReactive(connection -> {
                for (Event event : toAppend) {
                    int inserted = Sql.update(connection, EventStoreSql.APPEND, event.getAggregateId().asAggregateKey(),
                        event.eventId().serialize(), event.isASnapshot(), json(event));
                    if (inserted == 0) {
                        throw EventStoreFailedException.apply("Concurrent update to the EventStore detected");
                    }
                }
                return null;
            })
            .then();
    }

    @Override
    public Publisher<History> getEventsOfAggregate(AggregateId aggregateId) {
        Preconditions.checkNotNull(aggregateId);
        String key = aggregateId.asAggregateKey();
        return database.readReactive(connection -> Sql.list(connection, EventStoreSql.HISTORY, row -> event(row.getString(1)), key, key))
            .map(events -> History.of(events.toArray(new Event[0])));
    }

    @Override
    public Publisher<Void> remove(AggregateId aggregateId) {
        return database.writeReactive(connection -> Sql.update(connection, EventStoreSql.REMOVE, aggregateId.asAggregateKey()))
            .then();
    }

    private String json(Event event) throws SQLException {
        try {
            return serializer.serialize(event);
        } catch (JsonProcessingException e) {
            throw new SQLException("Cannot serialise event " + event, e);
        }
    }

    private Event event(String json) throws SQLException {
        try {
            return serializer.deserialize(json);
        } catch (IOException e) {
            throw new SQLException("Stored event is not readable: " + json, e);
        }
    }
}
