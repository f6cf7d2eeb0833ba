package io.syncstore.backend.jmap;

import java.time.Clock;
import java.time.Duration;

import org.apache.james.jmap.api.upload.UploadRepository;
import org.apache.james.jmap.api.upload.UploadRepositoryContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;

class SyncStoreUploadRepositoryTest implements UploadRepositoryContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private UploadRepository repository;

    @BeforeEach
    void setUp() {
        Database database = DATABASES.open();
        repository = new SyncStoreUploadRepository(database, new ContentStore(database), Clock.systemUTC(), Duration.ofDays(7));
    }

    @Override
    public UploadRepository testee() {
        return repository;
    }
}
