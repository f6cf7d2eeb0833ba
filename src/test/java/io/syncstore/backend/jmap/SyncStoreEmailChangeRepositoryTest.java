package io.syncstore.backend.jmap;

import java.util.concurrent.ThreadLocalRandom;

import org.apache.james.jmap.api.change.EmailChangeRepository;
import org.apache.james.jmap.api.change.EmailChangeRepositoryContract;
import org.apache.james.jmap.api.change.State;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.TestMessageId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStoreEmailChangeRepositoryTest implements EmailChangeRepositoryContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private EmailChangeRepository repository;

    @BeforeEach
    void setUp() {
        repository = new SyncStoreEmailChangeRepository(DATABASES.open(), new TestMessageId.Factory(), DEFAULT_NUMBER_OF_CHANGES, ChangeRetentionTest.PRUNING_NOTHING);
    }

    @Override
    public EmailChangeRepository emailChangeRepository() {
        return repository;
    }

    @Override
    public State generateNewState() {
        return State.Factory.DEFAULT.generate();
    }

    @Override
    public MessageId generateNewMessageId() {
        return TestMessageId.of(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    }
}
