package io.syncstore.backend.data;

import org.apache.james.user.api.DelegationStore;
import org.apache.james.user.api.DelegationStoreContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStoreDelegationStoreTest implements DelegationStoreContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private SyncStoreDelegationStore testee;

    @BeforeEach
    void setUp() {
        testee = new SyncStoreDelegationStore(DATABASES.open());
    }

    @Override
    public DelegationStore testee() {
        return testee;
    }
}
