package io.syncstore.backend.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.events.MailboxEvents.Added;
import org.apache.james.mailbox.events.MailboxEvents.Expunged;
import org.apache.james.mailbox.events.MailboxEvents.QuotaUsageUpdatedEvent;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Publisher;

import io.syncstore.backend.SyncStoreMailboxManager;
import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import reactor.core.publisher.Mono;

/** The usage of a quota root is told (James's {@link QuotaUsageUpdatedEvent}) after each write that changed it. */
class QuotaUsageToldTest {
    private static final Username BOB = Username.of("bob@example.org");

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private SyncStoreResources resources;
    private SyncStoreMailboxManager manager;
    private final Hearing hearing = new Hearing();
    private MailboxSession bob;
    private MessageManager inbox;

    @BeforeEach
    void setUp() throws Exception {
        resources = SyncStoreResources.defaultResources(databases.open());
        manager = resources.getMailboxManager();
        manager.getEventBus().register(hearing);
        bob = manager.createSystemSession(BOB);
        inbox = manager.getMailbox(manager.createMailbox(MailboxPath.inbox(BOB), bob).orElseThrow(), bob);
    }

    @Test
    void eachAppendAndExpungeIsFollowedByTheUsageAfterIt() throws Exception {
        append("Subject: one\r\n\r\nfirst body\r\n");
        append("Subject: two\r\n\r\nsecond, longer body\r\n");
        expungeAll();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(hearing.usages)
            .extracting(usage -> usage.getCountQuota().getUsed().asLong())
            .containsExactly(1L, 2L, 0L));
        assertThat(hearing.usages.get(1).getSizeQuota().getUsed().asLong()).isEqualTo(
            "Subject: one\r\n\r\nfirst body\r\n".length() + "Subject: two\r\n\r\nsecond, longer body\r\n".length());
    }

    @Test
    void withoutAListenerToHearItTheWritesEventsAreLeftAlone() throws Exception {
        append("Subject: one\r\n\r\nbody\r\n");
        expungeAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> hearing.writes.size() == 2);

        QuotaUsageNotifier unheard = new QuotaUsageNotifier(resources.getQuotaRootResolver(), resources.getQuotaManager(),
            manager.getEventBus(), false);
        QuotaUsageNotifier heard = new QuotaUsageNotifier(resources.getQuotaRootResolver(), resources.getQuotaManager(),
            manager.getEventBus(), true);

        assertThat(hearing.writes).noneMatch(unheard::isHandling);
        assertThat(hearing.writes).allMatch(heard::isHandling);
    }

    private void append(String message) throws Exception {
        inbox.appendMessage(MessageManager.AppendCommand.builder().build(message), bob);
    }

    private void expungeAll() throws Exception {
        inbox.setFlags(new Flags(Flags.Flag.DELETED), MessageManager.FlagsUpdateMode.ADD, MessageRange.all(), bob);
        inbox.expunge(MessageRange.all(), bob);
    }

    /** A listener of the usage, and of the writes that change it. */
    private static final class Hearing implements EventListener.ReactiveGroupEventListener {
        static final class HearingGroup extends Group {
        }

        final List<QuotaUsageUpdatedEvent> usages = new CopyOnWriteArrayList<>();
        final List<Event> writes = new CopyOnWriteArrayList<>();

        @Override
        public Group getDefaultGroup() {
            return new HearingGroup();
        }

        @Override
        public Publisher<Void> reactiveEvent(Event event) {
            if (event instanceof QuotaUsageUpdatedEvent) {
                usages.add((QuotaUsageUpdatedEvent) event);
            } else if (event instanceof Added || event instanceof Expunged) {
                writes.add(event);
            }
            return Mono.empty();
        }
    }
}
