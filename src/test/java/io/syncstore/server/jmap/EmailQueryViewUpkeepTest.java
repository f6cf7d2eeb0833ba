package io.syncstore.server.jmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.core.Username;
import org.apache.james.events.EventBusTestFixture;
import org.apache.james.events.InVMEventBus;
import org.apache.james.events.MemoryEventDeadLetters;
import org.apache.james.events.delivery.InVmEventDelivery;
import org.apache.james.jmap.JMAPConfiguration;
import org.apache.james.jmap.event.PopulateEmailQueryViewListener;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.store.SessionProviderImpl;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.util.streams.Limit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.jmap.SyncStoreEmailQueryView;

/** JMAP's email query view is kept while jmap.properties has Email/query read it, and only then. */
class EmailQueryViewUpkeepTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private static final Username ALICE = Username.of("alice");

    private List<MessageId> viewAfterOneAppend(boolean viewRead) throws Exception {
        Database database = DATABASES.open();
        InVMEventBus eventBus = new InVMEventBus(new InVmEventDelivery(new RecordingMetricFactory()),
            EventBusTestFixture.RETRY_BACKOFF_CONFIGURATION, new MemoryEventDeadLetters());
        SyncStoreResources resources = SyncStoreResources.builder(database).eventBus(eventBus).build();
        SyncStoreEmailQueryView view = new SyncStoreEmailQueryView(database, resources.getMessageIdFactory());
        PopulateEmailQueryViewListener populate = new PopulateEmailQueryViewListener(resources.getMessageIdManager(), view,
            new SessionProviderImpl(null, null));
        eventBus.register(new EmailQueryViewUpkeep(populate,
            JMAPConfiguration.builder().enable().randomPort().enableEmailQueryView(viewRead).build()));

        MailboxSession session = resources.getMailboxManager().createSystemSession(ALICE);
        MailboxPath inbox = MailboxPath.inbox(ALICE);
        resources.getMailboxManager().createMailbox(inbox, session);
        MessageManager mailbox = resources.getMailboxManager().getMailbox(inbox, session);
        mailbox.appendMessage(MessageManager.AppendCommand.builder()
            .build("Date: Sun, 6 Dec 2026 03:00:00 +0000\r\nSubject: s\r\n\r\nbody\r\n"), session);
        return view.listMailboxContentSortedBySentAt(mailbox.getId(), Limit.limit(10)).collectList().block();
    }

    @Test
    void aViewThatIsReadIsKept() throws Exception {
        assertThat(viewAfterOneAppend(true)).hasSize(1);
    }

    @Test
    void aViewThatIsNotReadIsNotWritten() throws Exception {
        assertThat(viewAfterOneAppend(false)).isEmpty();
    }
}
