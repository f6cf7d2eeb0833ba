package io.syncstore.server.jmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.jmap.api.change.EmailChanges;
import org.apache.james.jmap.api.change.State;
import org.apache.james.jmap.api.model.AccountId;
import org.apache.james.jmap.api.model.TypeName;
import org.apache.james.jmap.change.AccountIdRegistrationKey;
import org.apache.james.jmap.change.EmailTypeName$;
import org.apache.james.jmap.change.StateChangeEvent;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.SyncStoreMailboxManager;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.jmap.JmapChangeStates;
import reactor.core.publisher.Mono;

/**
 * The change listener on real event buses, as the server wires it: a write's changes are pushed to the accounts whose
 * logs the write saved them in, and an event delivered again after its rows were pruned is taken without a failure.
 */
class JmapChangeListenerTest {
    private static final Username BOB = Username.of("bob");
    private static final Username ALICE = Username.of("alice");
    private static final Username CAROL = Username.of("carol");
    private static final Duration PUSHED_WITHIN = Duration.ofSeconds(10);

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private final List<StateChangeEvent> pushedToBob = new CopyOnWriteArrayList<>();
    private final List<StateChangeEvent> pushedToAlice = new CopyOnWriteArrayList<>();
    private final List<StateChangeEvent> pushedToCarol = new CopyOnWriteArrayList<>();
    private Database database;
    private ChangeListenerFixture fixture;
    private SyncStoreMailboxManager manager;
    private MailboxId inboxId;
    private MailboxSession alice;

    @BeforeEach
    void setUp() throws Exception {
        database = databases.open();
        fixture = new ChangeListenerFixture(database);
        manager = fixture.manager;
        Mono.from(fixture.jmapBus.register(collectInto(pushedToBob), AccountIdRegistrationKey.of(BOB))).block();
        Mono.from(fixture.jmapBus.register(collectInto(pushedToAlice), AccountIdRegistrationKey.of(ALICE))).block();
        Mono.from(fixture.jmapBus.register(collectInto(pushedToCarol), AccountIdRegistrationKey.of(CAROL))).block();

        MailboxSession bob = manager.createSystemSession(BOB);
        inboxId = manager.createMailbox(MailboxPath.inbox(BOB), bob).orElseThrow();
        manager.applyRightsCommand(inboxId, MailboxACL.command().forUser(ALICE)
            .rights(MailboxACL.Right.Read, MailboxACL.Right.Lookup, MailboxACL.Right.Insert).asAddition(), bob);
        manager.applyRightsCommand(inboxId, MailboxACL.command().forUser(CAROL)
            .rights(MailboxACL.Right.Read, MailboxACL.Right.Lookup).asAddition(), bob);
        alice = manager.createSystemSession(ALICE);
    }

    @Test
    void aShareesAppendIsPushedToTheOwnerAndToEverySharee() throws Exception {
        ComposedMessageId appended = appendAsAlice();

        State written = JmapChangeStates.added(inboxId, appended.getUid());
        await().atMost(PUSHED_WITHIN).untilAsserted(() -> {
            assertThat(emailStates(pushedToBob)).contains(written);
            assertThat(emailStates(pushedToAlice)).contains(written);
            assertThat(emailStates(pushedToCarol)).as("a sharee the writer's session cannot see in the ACL").contains(written);
        });
        EmailChanges bobsLog = fixture.emailChanges.getSinceState(AccountId.fromUsername(BOB), State.INITIAL, Optional.empty()).block();
        assertThat(bobsLog.getCreated()).containsExactly(appended.getMessageId());
    }

    @Test
    void theOwnersFlagChangeAndExpungeArePushedToTheOwnerAndToEverySharee() throws Exception {
        MailboxSession bob = manager.createSystemSession(BOB);
        MessageManager inbox = manager.getMailbox(inboxId, bob);
        ComposedMessageId appended = inbox.appendMessage(MessageManager.AppendCommand.builder()
            .build("Subject: from bob\r\n\r\nhello\r\n"), bob).getId();

        inbox.setFlags(new Flags(Flags.Flag.DELETED), MessageManager.FlagsUpdateMode.ADD, MessageRange.one(appended.getUid()), bob);
        ModSeq flagged = inbox.getMetaData(MessageManager.MailboxMetaData.RecentMode.IGNORE, bob,
            EnumSet.of(MessageManager.MailboxMetaData.Item.HighestModSeq)).getHighestModSeq();
        inbox.expunge(MessageRange.all(), bob);

        State flagChange = JmapChangeStates.flagsChanged(inboxId, flagged);
        State expunge = JmapChangeStates.expunged(inboxId, appended.getUid());
        await().atMost(PUSHED_WITHIN).untilAsserted(() -> {
            for (List<StateChangeEvent> pushed : List.of(pushedToBob, pushedToAlice, pushedToCarol)) {
                assertThat(emailStates(pushed)).contains(flagChange, expunge);
            }
        });
    }

    @Test
    void anEventDeliveredAgainAfterTheOwnersRowsWerePrunedIsTakenAndKeepsTheShareesRow() throws Exception {
        ComposedMessageId appended = appendAsAlice();
        Event added = await().atMost(PUSHED_WITHIN).until(this::addedEvent, Optional::isPresent).orElseThrow();
        await().atMost(PUSHED_WITHIN).until(() -> !pushedToAlice.isEmpty());
        database.write(connection -> Sql.update(connection, "DELETE FROM jmap_email_change WHERE account = ?", BOB.asString()));

        Mono.from(fixture.listener.reactiveEvent(added)).block();

        State written = JmapChangeStates.added(inboxId, appended.getUid());
        assertThat(database.read(connection -> Sql.first(connection,
            "SELECT COUNT(*) FROM jmap_email_change WHERE account = ? AND state = ?",
            row -> row.getLong(1), ALICE.asString(), written.getValue().toString())).orElseThrow()).isEqualTo(1);
    }

    @Test
    void aFailedReadOfTheWritesAccountsFailsTheEventAndItsDeliveryAgainTellsThem() throws Exception {
        MailboxSession bob = manager.createSystemSession(BOB);
        ComposedMessageId appended = manager.getMailbox(inboxId, bob)
            .appendMessage(MessageManager.AppendCommand.builder().build("Subject: from bob\r\n\r\nhello\r\n"), bob).getId();
        State written = JmapChangeStates.added(inboxId, appended.getUid());
        Event added = await().atMost(PUSHED_WITHIN).until(this::addedEvent, Optional::isPresent).orElseThrow();
        await().atMost(PUSHED_WITHIN).until(() -> emailStates(pushedToCarol).contains(written));
        pushedToCarol.clear();

        database.write(connection -> Sql.update(connection, "ALTER TABLE mailbox_acl RENAME TO mailbox_acl_unreadable"));
        try {
            assertThatThrownBy(() -> Mono.from(fixture.listener.reactiveEvent(added)).block())
                .as("an ACL that cannot be read fails the event, which the bus delivers again, rather than leave its sharees untold");
        } finally {
            database.write(connection -> Sql.update(connection, "ALTER TABLE mailbox_acl_unreadable RENAME TO mailbox_acl"));
        }
        Mono.from(fixture.listener.reactiveEvent(added)).block();

        assertThat(emailStates(pushedToCarol)).containsExactly(written);
    }

    @Test
    void aStoreOfFlagsTheMessageAlreadyHasRecordsAndPushesNothing() throws Exception {
        MailboxSession bob = manager.createSystemSession(BOB);
        MessageManager inbox = manager.getMailbox(inboxId, bob);
        ComposedMessageId appended = inbox.appendMessage(MessageManager.AppendCommand.builder()
            .withFlags(new Flags(Flags.Flag.SEEN))
            .build("Subject: from bob\r\n\r\nhello\r\n"), bob).getId();
        inbox.setFlags(new Flags(Flags.Flag.SEEN), MessageManager.FlagsUpdateMode.ADD, MessageRange.one(appended.getUid()), bob);
        Event unchanged = await().atMost(PUSHED_WITHIN).until(
            () -> fixture.mailboxEvents.stream().filter(event -> event instanceof MailboxEvents.FlagsUpdated).findFirst(),
            Optional::isPresent).orElseThrow();
        long rowsBefore = bobsEmailChanges();
        pushedToBob.clear();

        Mono.from(fixture.listener.reactiveEvent(unchanged)).block();

        assertThat(bobsEmailChanges()).as("no email change recorded for flags that did not change").isEqualTo(rowsBefore);
        assertThat(pushedToBob).isEmpty();
    }

    private long bobsEmailChanges() throws Exception {
        return database.read(connection -> Sql.first(connection, "SELECT COUNT(*) FROM jmap_email_change WHERE account = ?",
            row -> row.getLong(1), BOB.asString())).orElseThrow();
    }

    private ComposedMessageId appendAsAlice() throws Exception {
        MessageManager inbox = manager.getMailbox(inboxId, alice);
        return inbox.appendMessage(MessageManager.AppendCommand.builder().build("Subject: from alice\r\n\r\nhello\r\n"), alice).getId();
    }

    private Optional<Event> addedEvent() {
        return fixture.mailboxEvents.stream().filter(event -> event instanceof MailboxEvents.Added).findFirst();
    }

    private static List<State> emailStates(List<StateChangeEvent> pushed) {
        TypeName email = EmailTypeName$.MODULE$;
        return pushed.stream()
            .map(event -> event.getState(email))
            .filter(scala.Option::isDefined)
            .map(state -> State.of(((org.apache.james.jmap.core.UuidState) state.get()).value()))
            .collect(java.util.stream.Collectors.toList());
    }

    private static EventListener.ReactiveEventListener collectInto(List<StateChangeEvent> pushed) {
        return event -> Mono.fromRunnable(() -> pushed.add((StateChangeEvent) event));
    }
}
