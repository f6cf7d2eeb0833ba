package io.syncstore.backend.jmap;

import java.time.Clock;

import org.apache.james.jmap.api.access.AccessTokenRepository;
import org.apache.james.jmap.api.access.AccessTokenRepositoryContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStoreAccessTokenRepositoryTest implements AccessTokenRepositoryContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private AccessTokenRepository repository;

    @BeforeEach
    void setUp() {
        repository = new SyncStoreAccessTokenRepository(DATABASES.open(), Clock.systemUTC(), TTL_IN_MS);
    }

    @Override
    public AccessTokenRepository accessTokenRepository() {
        return repository;
    }
}
