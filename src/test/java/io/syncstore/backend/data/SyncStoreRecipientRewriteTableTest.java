package io.syncstore.backend.data;

import static org.mockito.Mockito.mock;

import org.apache.james.UserEntityValidator;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.rrt.lib.AbstractRecipientRewriteTable;
import org.apache.james.rrt.lib.RecipientRewriteTableContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;

class SyncStoreRecipientRewriteTableTest implements RecipientRewriteTableContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private AbstractRecipientRewriteTable recipientRewriteTable;

    @BeforeEach
    void setup() throws Exception {
        setUp();
    }

    @AfterEach
    void teardown() throws Exception {
        tearDown();
    }

    @Override
    public void createRecipientRewriteTable() throws Exception {
        Database database = DATABASES.open();
        SyncStoreDomainList domainList = new SyncStoreDomainList(mock(DNSService.class), database);
        domainList.configure(DomainListConfiguration.DEFAULT);
        recipientRewriteTable = new SyncStoreRecipientRewriteTable(database);
        recipientRewriteTable.setUsersRepository(new SyncStoreUsersRepository(domainList, new SyncStoreUsersDAO(database)));
        recipientRewriteTable.setUserEntityValidator(UserEntityValidator.NOOP);
    }

    @Override
    public AbstractRecipientRewriteTable virtualUserTable() {
        return recipientRewriteTable;
    }
}
