package io.syncstore.backend.jmap;

import org.apache.james.jmap.api.identity.CustomIdentityDAO;
import org.apache.james.jmap.api.identity.CustomIdentityDAOContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStoreCustomIdentityDAOTest implements CustomIdentityDAOContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private CustomIdentityDAO dao;

    @BeforeEach
    void setUp() {
        dao = new SyncStoreCustomIdentityDAO(DATABASES.open());
    }

    @Override
    public CustomIdentityDAO testee() {
        return dao;
    }
}
