package io.syncstore.backend.data;

import java.time.Clock;

import org.apache.james.user.api.DelegationStore;
import org.apache.james.user.api.DelegationStoreContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.jmap.KeptPushTargets;

class SyncStoreDelegationStoreTest implements DelegationStoreContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private SyncStoreDelegationStore testee;

    @BeforeEach
    void setUp() {
        Database database = DATABASES.open();
        testee = new SyncStoreDelegationStore(database, new KeptPushTargets(Clock.systemUTC(), database));
    }

    @Override
    public DelegationStore testee() {
        return testee;
    }
}
