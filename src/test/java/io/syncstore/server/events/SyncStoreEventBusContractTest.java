package io.syncstore.server.events;

import org.apache.james.events.EventBus;
import org.apache.james.events.EventBusConcurrentTestContract;
import org.apache.james.events.EventBusTestFixture;
import org.apache.james.events.EventDeadLetters;
import org.apache.james.events.ErrorHandlingContracts;
import org.apache.james.events.GroupContract;
import org.apache.james.events.KeyContract;
import org.apache.james.events.MemoryEventDeadLetters;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.junit.jupiter.api.BeforeEach;

/** James's own contracts for a single event bus: keyed and group delivery, concurrency, retries and dead letters. */
class SyncStoreEventBusContractTest implements KeyContract.SingleEventBusKeyContract,
    GroupContract.SingleEventBusGroupContract, EventBusConcurrentTestContract.SingleEventBusConcurrentContract,
    ErrorHandlingContracts {

    private SyncStoreEventBus eventBus;
    private MemoryEventDeadLetters deadLetters;

    @BeforeEach
    void setUp() {
        deadLetters = new MemoryEventDeadLetters();
        eventBus = new SyncStoreEventBus(new RecordingMetricFactory(),
            EventBusTestFixture.RETRY_BACKOFF_CONFIGURATION, deadLetters);
    }

    @Override
    public EnvironmentSpeedProfile getSpeedProfile() {
        return EnvironmentSpeedProfile.FAST;
    }

    @Override
    public EventBus eventBus() {
        return eventBus;
    }

    @Override
    public EventDeadLetters deadLetter() {
        return deadLetters;
    }
}
