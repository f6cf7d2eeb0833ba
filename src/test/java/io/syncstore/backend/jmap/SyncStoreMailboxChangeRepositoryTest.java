package io.syncstore.backend.jmap;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.jmap.api.change.MailboxChangeRepository;
import org.apache.james.jmap.api.change.MailboxChangeRepositoryContract;
import org.apache.james.jmap.api.change.State;
import org.apache.james.mailbox.model.MailboxId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.model.SyncStoreMailboxId;

class SyncStoreMailboxChangeRepositoryTest implements MailboxChangeRepositoryContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private final AtomicLong nextId = new AtomicLong(1000);
    private MailboxChangeRepository repository;

    @BeforeEach
    void setUp() {
        repository = new SyncStoreMailboxChangeRepository(DATABASES.open(), new SyncStoreMailboxId.Factory(), DEFAULT_NUMBER_OF_CHANGES, ChangeRetentionTest.PRUNING_NOTHING);
    }

    @Override
    public MailboxChangeRepository mailboxChangeRepository() {
        return repository;
    }

    @Override
    public State.Factory stateFactory() {
        return State.Factory.DEFAULT;
    }

    @Override
    public MailboxId generateNewMailboxId() {
        return SyncStoreMailboxId.of(nextId.incrementAndGet());
    }
}
