package io.syncstore.backend.jmap;

import org.apache.james.eventsourcing.eventstore.EventStore;
import org.apache.james.eventsourcing.eventstore.EventStoreContract;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStoreEventStoreTest implements EventStoreContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    /** The contract receives its event store as a test parameter. */
    @RegisterExtension
    static final ParameterResolver EVENT_STORE = new ParameterResolver() {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == EventStore.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return new SyncStoreEventStore(DATABASES.open(), EventSerializers.forTestEvents());
        }
    };
}
