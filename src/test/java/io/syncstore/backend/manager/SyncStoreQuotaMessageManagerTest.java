package io.syncstore.backend.manager;

import org.apache.james.mailbox.manager.IntegrationResources;
import org.apache.james.mailbox.manager.ManagerTestProvisionner;
import org.apache.james.mailbox.manager.QuotaMessageManagerContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreMailboxManager;
import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;

class SyncStoreQuotaMessageManagerTest implements QuotaMessageManagerContract<SyncStoreMailboxManager> {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private IntegrationResources<SyncStoreMailboxManager> resources;
    private ManagerTestProvisionner provisionner;

    @BeforeEach
    void setUp() throws Exception {
        resources = SyncStoreResources.defaultResources(DATABASES.open());
        provisionner = new ManagerTestProvisionner(resources);
        provisionner.createMailboxes();
    }

    @Override
    public IntegrationResources<SyncStoreMailboxManager> getResources() {
        return resources;
    }

    @Override
    public ManagerTestProvisionner getProvisionner() {
        return provisionner;
    }
}
