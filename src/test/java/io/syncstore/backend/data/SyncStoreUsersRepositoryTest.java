package io.syncstore.backend.data;

import java.util.Optional;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.lib.UsersRepositoryContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;

class SyncStoreUsersRepositoryTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private static SyncStoreUsersRepository repository(Database database, DomainList domainList,
                                                       Optional<Username> administrator, boolean virtualHosting) throws Exception {
        SyncStoreUsersRepository repository = new SyncStoreUsersRepository(domainList, new SyncStoreUsersDAO(database));
        BaseHierarchicalConfiguration configuration = new BaseHierarchicalConfiguration();
        administrator.ifPresent(username -> configuration.addProperty("administratorId", username.asString()));
        configuration.addProperty("enableVirtualHosting", virtualHosting);
        repository.configure(configuration);
        return repository;
    }

    @Nested
    class WhenEnableVirtualHosting implements UsersRepositoryContract.WithVirtualHostingContract {
        @RegisterExtension
        UserRepositoryExtension extension = UserRepositoryExtension.withVirtualHost();

        private Database database;
        private SyncStoreUsersRepository repository;
        private TestSystem testSystem;

        @BeforeEach
        void setUp(TestSystem testSystem) throws Exception {
            this.testSystem = testSystem;
            this.database = DATABASES.open();
            this.repository = repository(database, testSystem.getDomainList(), Optional.empty(), true);
        }

        @Override
        public UsersRepository testee() {
            return repository;
        }

        @Override
        public UsersRepository testee(Optional<Username> administrator) throws Exception {
            return repository(database, testSystem.getDomainList(), administrator, true);
        }
    }

    @Nested
    class WhenDisableVirtualHosting implements UsersRepositoryContract.WithOutVirtualHostingContract {
        @RegisterExtension
        UserRepositoryExtension extension = UserRepositoryExtension.withoutVirtualHosting();

        private Database database;
        private SyncStoreUsersRepository repository;
        private TestSystem testSystem;

        @BeforeEach
        void setUp(TestSystem testSystem) throws Exception {
            this.testSystem = testSystem;
            this.database = DATABASES.open();
            this.repository = repository(database, testSystem.getDomainList(), Optional.empty(), false);
        }

        @Override
        public UsersRepository testee() {
            return repository;
        }

        @Override
        public UsersRepository testee(Optional<Username> administrator) throws Exception {
            return repository(database, testSystem.getDomainList(), administrator, false);
        }
    }
}
