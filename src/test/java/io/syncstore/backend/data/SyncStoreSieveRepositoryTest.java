package io.syncstore.backend.data;

import org.apache.james.sieverepository.api.SieveRepository;
import org.apache.james.sieverepository.lib.SieveRepositoryContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStoreSieveRepositoryTest implements SieveRepositoryContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private SieveRepository sieveRepository;

    @BeforeEach
    void setUp() {
        sieveRepository = new SyncStoreSieveRepository(DATABASES.open());
    }

    @Override
    public SieveRepository sieveRepository() {
        return sieveRepository;
    }
}
