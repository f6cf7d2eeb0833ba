package io.syncstore.backend.data;

import org.apache.james.mailrepository.MailRepositoryContract;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryPath;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStoreMailRepositoryTest implements MailRepositoryContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private SyncStoreMailRepositoryFactory factory;
    private MailRepository repository;

    @BeforeEach
    void setUp() {
        var database = DATABASES.open();
        factory = new SyncStoreMailRepositoryFactory(database, TestSpooledMails.over(database));
        repository = retrieveRepository(MailRepositoryPath.from("testrepo"));
    }

    @Override
    public MailRepository retrieveRepository() {
        return repository;
    }

    @Override
    public MailRepository retrieveRepository(MailRepositoryPath path) {
        return factory.create(MailRepositoryUrl.fromPathAndProtocol(SyncStoreMailRepositoryFactory.PROTOCOL, path));
    }
}
