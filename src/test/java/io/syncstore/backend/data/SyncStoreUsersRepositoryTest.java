package io.syncstore.backend.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.mock.SimpleDomainList;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.lib.UsersRepositoryContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;

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

    /** A change of the configured algorithm reaches each user at their next successful login, and only then. */
    @Nested
    class WhenTheAlgorithmChanges {
        private final Username alice = Username.of("alice");

        private SyncStoreUsersRepository withAlgorithm(Database database, String algorithm) throws Exception {
            SyncStoreUsersRepository repository = new SyncStoreUsersRepository(new SimpleDomainList(), new SyncStoreUsersDAO(database));
            BaseHierarchicalConfiguration configuration = new BaseHierarchicalConfiguration();
            configuration.addProperty("enableVirtualHosting", false);
            configuration.addProperty("algorithm", algorithm);
            repository.configure(configuration);
            return repository;
        }

        private String storedAlgorithm(Database database) throws Exception {
            return database.read(connection -> Sql.first(connection, "SELECT hash_algorithm FROM james_user WHERE name = ?",
                row -> row.getString(1), "alice")).orElseThrow();
        }

        @Test
        void aLoginStoresThePasswordAgainWithTheConfiguredAlgorithm() throws Exception {
            Database database = DATABASES.open();
            withAlgorithm(database, "SHA-256").addUser(alice, "secret");
            SyncStoreUsersRepository upgraded = withAlgorithm(database, "PBKDF2-SHA512-2000-512");

            assertThat(upgraded.test(alice, "wrong")).isFalse();
            assertThat(storedAlgorithm(database)).isEqualTo("SHA-256/plain");

            assertThat(upgraded.test(alice, "secret")).isTrue();
            assertThat(storedAlgorithm(database)).isEqualTo("PBKDF2-SHA512-2000-512/plain");
            assertThat(upgraded.test(alice, "secret")).isTrue();
            assertThat(upgraded.test(alice, "wrong")).isFalse();
            assertThat(withAlgorithm(database, "SHA-256").test(alice, "secret"))
                .as("a server still configured with the old algorithm verifies the new hash too")
                .isTrue();
        }
    }

    @Test
    void aFailedCheckWaitsTheConfiguredDelay() throws Exception {
        SyncStoreUsersRepository repository = new SyncStoreUsersRepository(new SimpleDomainList(), new SyncStoreUsersDAO(DATABASES.open()));
        BaseHierarchicalConfiguration configuration = new BaseHierarchicalConfiguration();
        configuration.addProperty("enableVirtualHosting", false);
        configuration.addProperty("verifyFailureDelay", "300ms");
        repository.configure(configuration);
        repository.addUser(Username.of("alice"), "secret");

        for (String user : List.of("alice", "nobody")) {
            long start = System.nanoTime();
            assertThat(repository.test(Username.of(user), "wrong")).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(user).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
        assertThat(repository.test(Username.of("alice"), "secret")).isTrue();
    }
}
