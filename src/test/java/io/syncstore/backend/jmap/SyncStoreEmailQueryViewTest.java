package io.syncstore.backend.jmap;

import org.apache.james.jmap.api.projections.EmailQueryView;
import org.apache.james.jmap.api.projections.EmailQueryViewContract;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.TestMessageId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.model.SyncStoreMailboxId;

class SyncStoreEmailQueryViewTest implements EmailQueryViewContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private EmailQueryView view;

    @BeforeEach
    void setUp() {
        view = new SyncStoreEmailQueryView(DATABASES.open(), new TestMessageId.Factory());
    }

    @Override
    public EmailQueryView testee() {
        return view;
    }

    @Override
    public MailboxId mailboxId1() {
        return SyncStoreMailboxId.of(1);
    }

    @Override
    public MessageId messageId1() {
        return TestMessageId.of(1);
    }

    @Override
    public MessageId messageId2() {
        return TestMessageId.of(2);
    }

    @Override
    public MessageId messageId3() {
        return TestMessageId.of(3);
    }

    @Override
    public MessageId messageId4() {
        return TestMessageId.of(4);
    }
}
