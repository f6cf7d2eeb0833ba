package io.syncstore.backend.jmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.jmap.api.change.EmailChanges;
import org.apache.james.jmap.api.change.Limit;
import org.apache.james.jmap.api.change.MailboxChanges;
import org.apache.james.jmap.api.change.State;
import org.apache.james.jmap.api.model.AccountId;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageManager.FlagsUpdateMode;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageRange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.common.collect.Sets;

import io.syncstore.backend.SyncStoreMailboxManager;
import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.model.SyncStoreMessageId;

/**
 * JMAP's change rows of a message write are written by that write, in its transaction: with no change listener on
 * the event bus at all, every APPEND, flag change, COPY, MOVE and EXPUNGE has its email and mailbox changes, under the
 * state {@link JmapChangeStates} names from the write, as soon as the write has returned; also with many writers at
 * once.
 */
class ChangesInTheMessageWriteTest {
    private static final Username BOB = Username.of("bob");
    private static final Username ALICE = Username.of("alice");
    private static final AccountId BOB_ACCOUNT = AccountId.fromUsername(BOB);
    private static final AccountId ALICE_ACCOUNT = AccountId.fromUsername(ALICE);
    private static final Optional<Limit> ALL = Optional.of(Limit.of(1000));

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private Database database;
    private SyncStoreResources resources;
    private SyncStoreMailboxManager manager;
    private MailboxSession bob;
    private SyncStoreEmailChangeRepository emailChanges;
    private SyncStoreMailboxChangeRepository mailboxChanges;
    private MessageManager inbox;
    private MailboxId inboxId;

    @BeforeEach
    void setUp() throws Exception {
        database = databases.open();
        resources = SyncStoreResources.defaultResources(database);
        manager = resources.getMailboxManager();
        bob = manager.createSystemSession(BOB);
        emailChanges = new SyncStoreEmailChangeRepository(database, resources.getMessageIdFactory(), Limit.of(1000),
            ChangeRetentionTest.PRUNING_NOTHING);
        mailboxChanges = new SyncStoreMailboxChangeRepository(database, new SyncStoreMailboxId.Factory(), Limit.of(1000), ChangeRetentionTest.PRUNING_NOTHING);
        inboxId = manager.createMailbox(MailboxPath.inbox(BOB), bob).orElseThrow();
        inbox = manager.getMailbox(inboxId, bob);
    }

    @Test
    void anAppendHasItsEmailAndCountChangeUnderTheStateOfItsFirstUid() throws Exception {
        ComposedMessageId appended = append(inbox);

        State state = JmapChangeStates.added(inboxId, appended.getUid());
        EmailChanges emails = emailChanges.getSinceState(BOB_ACCOUNT, State.INITIAL, ALL).block();
        assertThat(emails.getCreated()).containsExactly(appended.getMessageId());
        assertThat(emails.getNewState()).isEqualTo(state);
        MailboxChanges mailboxes = mailboxChanges.getSinceState(BOB_ACCOUNT, State.INITIAL, ALL).block();
        assertThat(mailboxes.getUpdated()).containsExactly(inboxId);
        assertThat(mailboxes.isCountChangesOnly()).isTrue();
        assertThat(mailboxes.getNewState()).isEqualTo(state);
    }

    @Test
    void flagsCopyMoveAndExpungeEachHaveTheirChanges() throws Exception {
        ComposedMessageId first = append(inbox);
        ComposedMessageId second = append(inbox);
        MailboxPath workPath = MailboxPath.forUser(BOB, "Work");
        MailboxId workId = manager.createMailbox(workPath, bob).orElseThrow();
        State before = emailChanges.getLatestState(BOB_ACCOUNT).block();

        inbox.setFlags(new Flags(Flags.Flag.SEEN), FlagsUpdateMode.ADD, MessageRange.one(first.getUid()), bob);
        EmailChanges flagged = emailChanges.getSinceState(BOB_ACCOUNT, before, ALL).block();
        assertThat(flagged.getUpdated()).containsExactly(first.getMessageId());
        ModSeq flagModSeq = inbox.getMessages(MessageRange.one(first.getUid()),
            FetchGroup.MINIMAL, bob).next().getModSeq();
        assertThat(flagged.getNewState()).isEqualTo(JmapChangeStates.flagsChanged(inboxId, flagModSeq));
        assertThat(mailboxChanges.getLatestState(BOB_ACCOUNT).block()).isEqualTo(flagged.getNewState());

        manager.copyMessages(MessageRange.one(first.getUid()), MailboxPath.inbox(BOB), workPath, bob);
        EmailChanges copied = emailChanges.getSinceState(BOB_ACCOUNT, flagged.getNewState(), ALL).block();
        assertThat(copied.getCreated()).containsExactly(first.getMessageId());
        assertThat(copied.getNewState()).isEqualTo(JmapChangeStates.added(workId, MessageUid.MIN_VALUE));

        // the first message stays in Work, so leaving the inbox only updates it; the second one is gone
        inbox.setFlags(new Flags(Flags.Flag.DELETED), FlagsUpdateMode.ADD, MessageRange.all(), bob);
        State beforeExpunge = emailChanges.getLatestState(BOB_ACCOUNT).block();
        inbox.expunge(MessageRange.all(), bob).forEachRemaining(uid -> { });
        EmailChanges expunged = emailChanges.getSinceState(BOB_ACCOUNT, beforeExpunge, ALL).block();
        assertThat(expunged.getUpdated()).containsExactly(first.getMessageId());
        assertThat(expunged.getDestroyed()).containsExactly(second.getMessageId());
        assertThat(expunged.getNewState()).isEqualTo(JmapChangeStates.expunged(inboxId, first.getUid()));

        manager.moveMessages(MessageRange.all(), workPath, MailboxPath.inbox(BOB), bob);
        State moved = emailChanges.getLatestState(BOB_ACCOUNT).block();
        assertThat(moved).isEqualTo(JmapChangeStates.expunged(workId, MessageUid.MIN_VALUE));
        MailboxChanges afterMove = mailboxChanges.getSinceState(BOB_ACCOUNT, expunged.getNewState(), ALL).block();
        assertThat(afterMove.getUpdated()).containsExactlyInAnyOrder(inboxId, workId);
    }

    @Test
    void aShareeHasEveryChangeDelegated() throws Exception {
        manager.applyRightsCommand(inboxId, MailboxACL.command().forUser(ALICE).rights(MailboxACL.Right.Read, MailboxACL.Right.Lookup).asAddition(), bob);

        ComposedMessageId appended = append(inbox);

        EmailChanges delegated = emailChanges.getSinceStateWithDelegation(ALICE_ACCOUNT, State.INITIAL, ALL).block();
        assertThat(delegated.getCreated()).containsExactly(appended.getMessageId());
        assertThat(delegated.getNewState()).isEqualTo(JmapChangeStates.added(inboxId, appended.getUid()));
        assertThat(emailChanges.getSinceState(ALICE_ACCOUNT, State.INITIAL, ALL).block().getCreated()).isEmpty();
        assertThat(emailChanges.getSinceState(BOB_ACCOUNT, State.INITIAL, ALL).block().getCreated())
            .containsExactly(appended.getMessageId());
    }

    @Test
    void anExpungedMessageIsUpdatedForAShareeWhoCanStillReadItThroughAnyoneAndDestroyedWhereANegativeEntryDeniesIt() throws Exception {
        manager.applyRightsCommand(inboxId, MailboxACL.command().forUser(ALICE).rights(MailboxACL.Right.Read, MailboxACL.Right.Lookup).asAddition(), bob);
        MailboxPath publicPath = MailboxPath.forUser(BOB, "Public");
        MailboxPath hiddenPath = MailboxPath.forUser(BOB, "Hidden");
        MailboxId publicId = manager.createMailbox(publicPath, bob).orElseThrow();
        MailboxId hiddenId = manager.createMailbox(hiddenPath, bob).orElseThrow();
        MailboxACL.ACLCommand anyoneReads = MailboxACL.command().key(MailboxACL.ANYBODY_KEY).rights(MailboxACL.Right.Read).asAddition();
        manager.applyRightsCommand(publicId, anyoneReads, bob);
        manager.applyRightsCommand(hiddenId, anyoneReads, bob);
        manager.applyRightsCommand(hiddenId, MailboxACL.command().key(MailboxACL.EntryKey.createUserEntryKey(ALICE, true))
            .rights(MailboxACL.Right.Read).asAddition(), bob);
        ComposedMessageId stillPublic = append(inbox);
        ComposedMessageId onlyHidden = append(inbox);
        manager.copyMessages(MessageRange.one(stillPublic.getUid()), MailboxPath.inbox(BOB), publicPath, bob);
        manager.copyMessages(MessageRange.one(onlyHidden.getUid()), MailboxPath.inbox(BOB), hiddenPath, bob);
        State before = emailChanges.getLatestStateWithDelegation(ALICE_ACCOUNT).block();

        inbox.setFlags(new Flags(Flags.Flag.DELETED), FlagsUpdateMode.ADD, MessageRange.all(), bob);
        inbox.expunge(MessageRange.all(), bob).forEachRemaining(uid -> { });

        EmailChanges seenByAlice = emailChanges.getSinceStateWithDelegation(ALICE_ACCOUNT, before, ALL).block();
        assertThat(seenByAlice.getUpdated()).containsExactly(stillPublic.getMessageId());
        assertThat(seenByAlice.getDestroyed()).containsExactly(onlyHidden.getMessageId());
        EmailChanges seenByBob = emailChanges.getSinceState(BOB_ACCOUNT, before, ALL).block();
        assertThat(seenByBob.getUpdated()).contains(stillPublic.getMessageId(), onlyHidden.getMessageId());
        assertThat(seenByBob.getDestroyed()).isEmpty();
    }

    @RepeatedTest(3)
    void concurrentWritersEachHaveTheirChanges() throws Exception {
        int writers = 8;
        int appendsEach = 15;
        Set<MessageId> appended = ConcurrentHashMap.newKeySet();
        Set<MessageId> expunged = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < appendsEach; i++) {
                        ComposedMessageId message = append(inbox);
                        appended.add(message.getMessageId());
                        inbox.setFlags(new Flags(Flags.Flag.SEEN), FlagsUpdateMode.ADD, MessageRange.one(message.getUid()), bob);
                        if (i % 3 == 0) {
                            inbox.delete(List.of(message.getUid()), bob);
                            expunged.add(message.getMessageId());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        // one email change per write: each append, each \Seen, each expunge
        assertThat(rowsOfBob("jmap_email_change")).isEqualTo(2L * appended.size() + expunged.size());
        EmailChanges changes = emailChanges.getSinceState(BOB_ACCOUNT, State.INITIAL, Optional.of(Limit.of(10_000))).block();
        assertThat(appended).hasSize(writers * appendsEach);
        assertThat(changes.getCreated()).containsExactlyInAnyOrderElementsOf(Sets.difference(appended, expunged));
        assertThat(changes.getDestroyed()).isEmpty();
    }

    @Test
    void theChangesAWriteSavedArePrunedOnceTheListenerCountsThem() throws Exception {
        ChangeRetention keepTwo = new ChangeRetention(Duration.ofDays(36500), 2, 1);
        SyncStoreJmapChanges changes = new SyncStoreJmapChanges(database,
            new SyncStoreMailboxChangeRepository(database, new SyncStoreMailboxId.Factory(), Limit.of(1000), keepTwo),
            new SyncStoreEmailChangeRepository(database, new SyncStoreMessageId.Factory(), Limit.of(1000), keepTwo),
            new SavedChangeAccounts());
        for (int i = 0; i < 4; i++) {
            append(inbox);
        }
        assertThat(rowsOfBob("jmap_email_change")).isEqualTo(4);

        State latest = emailChanges.getLatestState(BOB_ACCOUNT).block();
        changes.countStored(List.of(BOB_ACCOUNT), List.of(BOB_ACCOUNT)).block();

        assertThat(rowsOfBob("jmap_email_change")).isEqualTo(2);
        assertThat(rowsOfBob("jmap_mailbox_change")).isEqualTo(2);
        assertThat(emailChanges.getLatestState(BOB_ACCOUNT).block()).isEqualTo(latest);
    }

    @Test
    void eachWriteHandsTheAccountsOfItsRowsToTheListenerOfItsNodeOnce() throws Exception {
        manager.applyRightsCommand(inboxId, MailboxACL.command().forUser(ALICE)
            .rights(MailboxACL.Right.Read, MailboxACL.Right.Lookup).asAddition(), bob);
        ComposedMessageId appended = append(inbox);
        inbox.setFlags(new Flags(Flags.Flag.DELETED), FlagsUpdateMode.ADD, MessageRange.one(appended.getUid()), bob);
        ModSeq flagged = inbox.getMetaData(MessageManager.MailboxMetaData.RecentMode.IGNORE, bob,
            EnumSet.of(MessageManager.MailboxMetaData.Item.HighestModSeq)).getHighestModSeq();
        inbox.expunge(MessageRange.all(), bob);
        SyncStoreJmapChanges changes = new SyncStoreJmapChanges(database, mailboxChanges, emailChanges,
            resources.getSavedChangeAccounts());
        State added = JmapChangeStates.added(inboxId, appended.getUid());

        database.write(connection -> Sql.update(connection, "ALTER TABLE mailbox_acl RENAME TO mailbox_acl_unreadable"));
        try {
            assertThat(changes.storedFor((SyncStoreMailboxId) inboxId, BOB, added).block())
                .as("handed over, not read: the ACL cannot be read").containsExactlyInAnyOrder(BOB, ALICE);
            assertThatThrownBy(() -> changes.storedFor((SyncStoreMailboxId) inboxId, BOB, added).block())
                .as("taken once: asked again, the accounts are read");
        } finally {
            database.write(connection -> Sql.update(connection, "ALTER TABLE mailbox_acl_unreadable RENAME TO mailbox_acl"));
        }
        assertThat(changes.storedFor((SyncStoreMailboxId) inboxId, BOB, added).block()).containsExactlyInAnyOrder(BOB, ALICE);
        assertThat(resources.getSavedChangeAccounts().take(JmapChangeStates.flagsChanged(inboxId, flagged)))
            .contains(Set.of(BOB, ALICE));
        assertThat(resources.getSavedChangeAccounts().take(JmapChangeStates.expunged(inboxId, appended.getUid())))
            .contains(Set.of(BOB, ALICE));
    }

    private long rowsOfBob(String table) throws Exception {
        return database.read(connection -> Sql.first(connection,
            "SELECT COUNT(*) FROM " + table + " WHERE account = ?", row -> row.getLong(1), BOB.asString())).orElseThrow();
    }

    private ComposedMessageId append(MessageManager mailbox) throws Exception {
        return mailbox.appendMessage(MessageManager.AppendCommand.builder().build("Subject: hi\r\n\r\nbody\r\n"), bob).getId();
    }
}
