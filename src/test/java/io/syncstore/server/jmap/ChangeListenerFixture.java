package io.syncstore.server.jmap;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.events.MemoryEventDeadLetters;
import org.apache.james.events.RetryBackoffConfiguration;
import org.apache.james.jmap.api.change.Limit;
import org.apache.james.jmap.api.change.MailboxAndEmailChange;
import org.apache.james.jmap.api.change.MailboxChange;
import org.apache.james.jmap.api.change.State;
import org.apache.james.metrics.tests.RecordingMetricFactory;

import io.syncstore.backend.SyncStoreMailboxManager;
import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.jmap.ChangeRetention;
import io.syncstore.backend.jmap.SyncStoreEmailChangeRepository;
import io.syncstore.backend.jmap.SyncStoreJmapChanges;
import io.syncstore.backend.jmap.SyncStoreMailboxChangeRepository;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.server.events.SyncStoreEventBus;

/**
 * SyncStore's JMAP change listener over a test database, on a mailbox bus and a JMAP bus of the server's kind, as the
 * server wires it; the mailbox events it took are kept, to be delivered again.
 */
final class ChangeListenerFixture {
    final SyncStoreEventBus mailboxBus = newBus();
    final SyncStoreEventBus jmapBus = newBus();
    final SyncStoreResources resources;
    final SyncStoreMailboxManager manager;
    final SyncStoreEmailChangeRepository emailChanges;
    final JmapChangeListener listener;
    final List<Event> mailboxEvents = new CopyOnWriteArrayList<>();

    ChangeListenerFixture(Database database) {
        resources = SyncStoreResources.builder(database).eventBus(mailboxBus).build();
        manager = resources.getMailboxManager();
        ChangeRetention keepAll = ChangeRetention.of(Duration.ofDays(36500), Integer.MAX_VALUE);
        emailChanges = new SyncStoreEmailChangeRepository(database, resources.getMessageIdFactory(), Limit.of(1000), keepAll);
        SyncStoreMailboxChangeRepository mailboxChanges = new SyncStoreMailboxChangeRepository(database,
            new SyncStoreMailboxId.Factory(), Limit.of(1000), keepAll);
        listener = new JmapChangeListener(jmapBus, new SyncStoreJmapChanges(database, mailboxChanges, emailChanges,
                resources.getSavedChangeAccounts()),
            mailboxChanges, emailChanges, new MailboxChange.Factory(State.Factory.DEFAULT), emailChangeFactory(),
            resources.getMessageIdManager(), manager, manager, Clock.systemUTC());
        mailboxBus.register(listener);
        mailboxBus.register(new Capture(), new CaptureGroup());
    }

    MailboxAndEmailChange.Factory emailChangeFactory() {
        return new MailboxAndEmailChange.Factory(State.Factory.DEFAULT, resources.getMessageIdManager(), manager);
    }

    static SyncStoreEventBus newBus() {
        return new SyncStoreEventBus(new RecordingMetricFactory(), RetryBackoffConfiguration.DEFAULT,
            new MemoryEventDeadLetters());
    }

    private static final class CaptureGroup extends Group {
    }

    private final class Capture implements EventListener.GroupEventListener {
        @Override
        public Group getDefaultGroup() {
            return new CaptureGroup();
        }

        @Override
        public void event(Event event) {
            mailboxEvents.add(event);
        }
    }
}
