package io.syncstore.server.jmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.jmap.api.change.Limit;
import org.apache.james.jmap.api.change.MailboxChange;
import org.apache.james.jmap.api.change.State;
import org.apache.james.jmap.api.model.TypeName;
import org.apache.james.jmap.change.AccountIdRegistrationKey;
import org.apache.james.jmap.change.MailboxChangeListener;
import org.apache.james.jmap.change.StateChangeEvent;
import org.apache.james.jmap.memory.change.MemoryEmailChangeRepository;
import org.apache.james.jmap.memory.change.MemoryMailboxChangeRepository;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreMailboxManager;
import io.syncstore.backend.TestDatabases;
import io.syncstore.server.events.SyncStoreEventBus;
import reactor.core.publisher.Mono;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What a JMAP client of each account is pushed (the state changes on its account's key of the JMAP bus, as
 * EventSource and WebSocket connections register) for each kind of change to a mailbox bob shares with alice, by
 * SyncStore's change listener, beside James 3.8.1's own {@link MailboxChangeListener} on the same events of the same
 * store (with James's in-memory change logs and a JMAP bus of its own): the same accounts, each told the same types.
 */
class JmapStateChangeTypesTest {
    private static final Username BOB = Username.of("bob");
    private static final Username ALICE = Username.of("alice");
    private static final Username CAROL = Username.of("carol");
    private static final Duration PUSHED_WITHIN = Duration.ofSeconds(10);
    private static final Set<String> EMAIL = Set.of("Email");
    private static final Set<String> EMAIL_AND_MAILBOX = Set.of("Email", "Mailbox");
    private static final Set<String> MAILBOX = Set.of("Mailbox");

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private final Pushes ours = new Pushes();
    private final Pushes james = new Pushes();
    private ChangeListenerFixture fixture;
    private SyncStoreMailboxManager manager;
    private MailboxChangeListener jamesListener;
    private MailboxSession bob;
    private MailboxId sharedId;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ChangeListenerFixture(databases.open());
        manager = fixture.manager;
        SyncStoreEventBus jamesJmapBus = ChangeListenerFixture.newBus();
        jamesListener = new MailboxChangeListener(jamesJmapBus, new MemoryMailboxChangeRepository(Limit.of(1000)),
            new MailboxChange.Factory(State.Factory.DEFAULT), new MemoryEmailChangeRepository(Limit.of(1000)),
            fixture.emailChangeFactory(), manager, Clock.systemUTC());
        fixture.mailboxBus.register(jamesListener, new JamesListenerGroup());
        for (Username account : List.of(BOB, ALICE, CAROL)) {
            ours.listenFor(account, fixture.jmapBus);
            james.listenFor(account, jamesJmapBus);
        }

        bob = manager.createSystemSession(BOB);
        manager.createMailbox(MailboxPath.inbox(BOB), bob);
        sharedId = manager.createMailbox(MailboxPath.forUser(BOB, "shared"), bob).orElseThrow();
        manager.applyRightsCommand(sharedId, MailboxACL.command().forUser(ALICE)
            .rights(MailboxACL.Right.Read, MailboxACL.Right.Lookup).asAddition(), bob);
        pushedOfBoth(Map.of(BOB, List.of(MAILBOX, MAILBOX, MAILBOX), ALICE, List.of(MAILBOX)));
    }

    @Test
    void messageWritesAreToldAsEmailAndAsMailboxWhenTheCountsChangeToTheOwnerAndTheSharee() throws Exception {
        append(MessageManager.AppendCommand.builder());
        pushedOfBoth(Map.of(BOB, List.of(EMAIL_AND_MAILBOX), ALICE, List.of(EMAIL_AND_MAILBOX)));

        append(MessageManager.AppendCommand.builder().delivery());
        Set<String> delivered = Set.of("Email", "Mailbox", "EmailDelivery");
        pushedOfBoth(Map.of(BOB, List.of(delivered), ALICE, List.of(delivered)));

        setFlags(Flags.Flag.FLAGGED);
        pushedOfBoth(Map.of(BOB, List.of(EMAIL), ALICE, List.of(EMAIL)));

        setFlags(Flags.Flag.SEEN);
        pushedOfBoth(Map.of(BOB, List.of(EMAIL_AND_MAILBOX), ALICE, List.of(EMAIL_AND_MAILBOX)));

        setFlags(Flags.Flag.DELETED);
        pushedOfBoth(Map.of(BOB, List.of(EMAIL), ALICE, List.of(EMAIL)));
        manager.getMailbox(sharedId, bob).expunge(MessageRange.all(), bob);
        pushedOfBoth(Map.of(BOB, List.of(EMAIL_AND_MAILBOX), ALICE, List.of(EMAIL_AND_MAILBOX)));
    }

    @Test
    void mailboxChangesAreToldAsMailboxToTheOwnerAndToTheShareesTheyConcern() throws Exception {
        manager.createMailbox(MailboxPath.forUser(BOB, "private"), bob);
        pushedOfBoth(Map.of(BOB, List.of(MAILBOX)));

        manager.renameMailbox(MailboxPath.forUser(BOB, "shared"), MailboxPath.forUser(BOB, "renamed"), bob);
        pushedOfBoth(Map.of(BOB, List.of(MAILBOX), ALICE, List.of(MAILBOX)));

        manager.applyRightsCommand(sharedId, MailboxACL.command().forUser(CAROL)
            .rights(MailboxACL.Right.Read, MailboxACL.Right.Lookup).asAddition(), bob);
        pushedOfBoth(Map.of(BOB, List.of(MAILBOX), ALICE, List.of(MAILBOX), CAROL, List.of(MAILBOX)));

        manager.applyRightsCommand(sharedId, MailboxACL.command().forUser(ALICE)
            .rights(MailboxACL.Right.Read, MailboxACL.Right.Lookup).asRemoval(), bob);
        pushedOfBoth(Map.of(BOB, List.of(MAILBOX), ALICE, List.of(MAILBOX), CAROL, List.of(MAILBOX)));

        manager.deleteMailbox(sharedId, bob);
        pushedOfBoth(Map.of(BOB, List.of(MAILBOX), CAROL, List.of(MAILBOX)));
    }

    /**
     * The sharees are those of the ACL when the event is handled, as in James's listener: one whose right was taken
     * between the write and its event (or the event's delivery again) is not told of it.
     */
    @Test
    void aShareeWhoseRightWasTakenBeforeTheEventIsHandledIsNotTold() throws Exception {
        Event added = appendAndTakeItsEvent();
        manager.applyRightsCommand(sharedId, MailboxACL.command().forUser(ALICE)
            .rights(MailboxACL.Right.Read, MailboxACL.Right.Lookup).asRemoval(), bob);
        pushedOfBoth(Map.of(BOB, List.of(MAILBOX), ALICE, List.of(MAILBOX)));

        handledAgainByBoth(added);

        pushedOfBoth(Map.of(BOB, List.of(EMAIL_AND_MAILBOX)));
    }

    /**
     * Where SyncStore departs from James: a user given a right between the write and its event's handling is not told
     * of the write (James's listener saves a change for it then, and tells it), because the write saved the change
     * only in the logs of the accounts that shared the mailbox at the write, and a state that the account's log does
     * not hold is not pushed to it. That user is told of the mailbox by the ACL change's own event.
     */
    @Test
    void aUserGivenARightBeforeTheEventIsHandledIsToldOfTheMailboxNotOfTheWriteBeforeIt() throws Exception {
        Event added = appendAndTakeItsEvent();
        manager.applyRightsCommand(sharedId, MailboxACL.command().forUser(CAROL)
            .rights(MailboxACL.Right.Read, MailboxACL.Right.Lookup).asAddition(), bob);
        pushedOfBoth(Map.of(BOB, List.of(MAILBOX), ALICE, List.of(MAILBOX), CAROL, List.of(MAILBOX)));

        handledAgainByBoth(added);

        await().atMost(PUSHED_WITHIN).untilAsserted(() -> {
            assertThat(ours.byAccount()).isEqualTo(Map.of(BOB, List.of(EMAIL_AND_MAILBOX), ALICE, List.of(EMAIL_AND_MAILBOX)));
            assertThat(james.byAccount()).isEqualTo(Map.of(BOB, List.of(EMAIL_AND_MAILBOX), ALICE, List.of(EMAIL_AND_MAILBOX),
                CAROL, List.of(EMAIL_AND_MAILBOX)));
        });
    }

    private Event appendAndTakeItsEvent() throws Exception {
        append(MessageManager.AppendCommand.builder());
        pushedOfBoth(Map.of(BOB, List.of(EMAIL_AND_MAILBOX), ALICE, List.of(EMAIL_AND_MAILBOX)));
        return fixture.mailboxEvents.stream().filter(event -> event instanceof MailboxEvents.Added).findFirst().orElseThrow();
    }

    private void handledAgainByBoth(Event event) {
        Mono.from(fixture.listener.reactiveEvent(event)).block();
        Mono.from(jamesListener.reactiveEvent(event)).block();
    }

    private void append(MessageManager.AppendCommand.Builder command) throws Exception {
        manager.getMailbox(sharedId, bob).appendMessage(command.build("Subject: hello\r\n\r\nhello\r\n"), bob);
    }

    private void setFlags(Flags.Flag flag) throws Exception {
        manager.getMailbox(sharedId, bob).setFlags(new Flags(flag), MessageManager.FlagsUpdateMode.ADD, MessageRange.all(), bob);
    }

    /** Both listeners told each account exactly these types, one set per state change, then both are cleared. */
    private void pushedOfBoth(Map<Username, List<Set<String>>> expected) {
        await().atMost(PUSHED_WITHIN).untilAsserted(() -> {
            assertThat(ours.byAccount()).as("SyncStore's listener").isEqualTo(expected);
            assertThat(james.byAccount()).as("James's listener").isEqualTo(expected);
        });
        ours.clear();
        james.clear();
    }

    /** The types of each state change pushed, by account, in the order pushed. */
    private static final class Pushes {
        private final Map<Username, List<Set<String>>> pushed = new ConcurrentHashMap<>();

        void listenFor(Username account, SyncStoreEventBus jmapBus) {
            List<Set<String>> told = pushed.computeIfAbsent(account, any -> new CopyOnWriteArrayList<>());
            EventListener.ReactiveEventListener listener = event -> Mono.fromRunnable(() -> told.add(
                CollectionConverters.asJava(((StateChangeEvent) event).map()).keySet().stream()
                    .map(TypeName::asString)
                    .collect(Collectors.toSet())));
            Mono.from(jmapBus.register(listener, AccountIdRegistrationKey.of(account))).block();
        }

        Map<Username, List<Set<String>>> byAccount() {
            return pushed.entrySet().stream()
                .filter(account -> !account.getValue().isEmpty())
                .collect(Collectors.toMap(Map.Entry::getKey, account -> List.copyOf(account.getValue())));
        }

        void clear() {
            pushed.values().forEach(List::clear);
        }
    }

    private static final class JamesListenerGroup extends Group {
    }
}
