package io.syncstore.backend.manager;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.InputStream;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.store.AbstractMailboxManagerAttachmentTest;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.AttachmentMapperFactory;
import org.apache.james.mailbox.store.mail.model.impl.MessageParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreMailboxManager;
import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;

class SyncStoreMailboxManagerAttachmentTest extends AbstractMailboxManagerAttachmentTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private SyncStoreMailboxManager mailboxManager;
    private SyncStoreMailboxManager parseFailingMailboxManager;

    @BeforeEach
    void setup() throws Exception {
        MessageParser failingMessageParser = mock(MessageParser.class);
        when(failingMessageParser.retrieveAttachments(any(InputStream.class)))
            .thenThrow(new RuntimeException("Message parser set to fail"));
        mailboxManager = SyncStoreResources.defaultResources(DATABASES.open()).getMailboxManager();
        parseFailingMailboxManager = SyncStoreResources.builder(DATABASES.open())
            .messageParser(failingMessageParser)
            .build()
            .getMailboxManager();
        super.setUp();
    }

    @Override
    protected MailboxManager getMailboxManager() {
        return mailboxManager;
    }

    @Override
    protected MailboxSessionMapperFactory getMailboxSessionMapperFactory() {
        return mailboxManager.getMapperFactory();
    }

    @Override
    protected MailboxManager getParseFailingMailboxManager() {
        return parseFailingMailboxManager;
    }

    @Override
    protected AttachmentMapperFactory getAttachmentMapperFactory() {
        return (AttachmentMapperFactory) mailboxManager.getMapperFactory();
    }
}
