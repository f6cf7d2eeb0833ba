package io.syncstore.backend.jmap;

import org.apache.james.jmap.api.filtering.FilteringManagement;
import org.apache.james.jmap.api.filtering.FilteringManagementContract;
import org.apache.james.jmap.api.filtering.impl.EventSourcingFilteringManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

/** JMAP filtering rules, event-sourced by James, on the database's event store. */
class SyncStoreFilteringManagementTest implements FilteringManagementContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private SyncStoreEventStore eventStore;

    @BeforeEach
    void setUp() {
        eventStore = new SyncStoreEventStore(DATABASES.open(), EventSerializers.forFilteringEvents());
    }

    @Override
    public FilteringManagement instantiateFilteringManagement() {
        return new EventSourcingFilteringManagement(eventStore);
    }
}
