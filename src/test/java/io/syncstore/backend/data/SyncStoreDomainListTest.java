package io.syncstore.backend.data;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.lib.DomainListContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStoreDomainListTest implements DomainListContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private SyncStoreDomainList domainList;

    @BeforeEach
    void setUp() throws Exception {
        domainList = new SyncStoreDomainList(getDNSServer("localhost"), DATABASES.open());
        domainList.configure(DomainListConfiguration.builder()
            .autoDetect(false)
            .autoDetectIp(false)
            .build());
    }

    @Override
    public DomainList domainList() {
        return domainList;
    }
}
