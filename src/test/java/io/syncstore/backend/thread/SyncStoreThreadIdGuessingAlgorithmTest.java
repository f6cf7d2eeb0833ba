package io.syncstore.backend.thread;

import java.util.Optional;
import java.util.Set;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.store.CombinationManagerTestSystem;
import org.apache.james.mailbox.store.ThreadIdGuessingAlgorithmContract;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.model.MimeMessageId;
import org.apache.james.mailbox.store.mail.model.Subject;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreMailboxManager;
import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.manager.SyncStoreCombinationTestSystem;
import io.syncstore.backend.model.SyncStoreMessageId;
import io.syncstore.backend.sql.ThreadSql;
import reactor.core.publisher.Flux;

class SyncStoreThreadIdGuessingAlgorithmTest extends ThreadIdGuessingAlgorithmContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private Database database;
    private SyncStoreMailboxManager mailboxManager;

    @Override
    protected CombinationManagerTestSystem createTestingData() {
        database = DATABASES.open();
        SyncStoreResources resources = SyncStoreResources.defaultResources(database);
        mailboxManager = resources.getMailboxManager();
        eventBus = mailboxManager.getEventBus();
        messageIdFactory = resources.getMessageIdFactory();
        return new SyncStoreCombinationTestSystem(mailboxManager, resources.getMessageIdManager());
    }

    @Override
    protected ThreadIdGuessingAlgorithm initThreadIdGuessingAlgorithm(CombinationManagerTestSystem testingData) {
        return new SyncStoreThreadIdGuessingAlgorithm(database, messageIdFactory);
    }

    @Override
    protected MessageMapper createMessageMapper(MailboxSession mailboxSession) {
        return mailboxManager.getMapperFactory().createMessageMapper(mailboxSession);
    }

    @Override
    protected MessageId initNewBasedMessageId() {
        return new SyncStoreMessageId.Factory().generate();
    }

    @Override
    protected MessageId initOtherBasedMessageId() {
        return new SyncStoreMessageId.Factory().generate();
    }

    @Override
    protected Flux<Void> saveThreadData(Username username, Set<MimeMessageId> mimeMessageIds, MessageId messageId,
                                        ThreadId threadId, Optional<Subject> baseSubject) {
        return database.writeReactive(connection -> {
                for (MimeMessageId mimeMessageId : mimeMessageIds) {
                    Sql.update(connection, ThreadSql.INSERT_KEY, username.asString(), mimeMessageId.getValue(),
                        baseSubject.map(Subject::getValue).orElse(null), messageId.serialize(), threadId.serialize());
                }
                return mimeMessageIds.size();
            })
            .thenMany(Flux.empty());
    }
}
