package io.syncstore.backend.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageManager.FlagsUpdateMode;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.ComposedMessageIdWithMetaData;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.google.common.collect.ImmutableList;

import io.syncstore.backend.TestDatabases;
import io.syncstore.config.SyncPolicy;

class ExpungeLogTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path folder;

    private StoreFixture store;
    private Mailbox inbox;
    private Mailbox archive;

    @BeforeEach
    void setUp() {
        store = new StoreFixture(databases.open());
        inbox = store.createMailbox("INBOX");
        archive = store.createMailbox("Archive");
    }

    @Test
    void expungingAdvancesTheHighestModSeqAndIsLogged() throws Exception {
        List<MessageUid> uids = addMessages(inbox, 5);
        ModSeq beforeExpunge = store.messages.getHighestModSeq(inbox);

        store.messages.deleteMessages(inbox, List.of(uids.get(1), uids.get(3)));

        ModSeq afterExpunge = store.messages.getHighestModSeq(inbox);
        assertThat(afterExpunge).isEqualTo(beforeExpunge.next());
        assertThat(expungedSince(inbox, beforeExpunge)).containsExactly(uids.get(1), uids.get(3));
        assertThat(expungedSince(inbox, afterExpunge)).isEmpty();
    }

    @Test
    void eachWayOutOfAMailboxIsLoggedWithItsOwnModSeq() throws Exception {
        List<MessageUid> uids = addMessages(inbox, 4);
        ModSeq start = store.messages.getHighestModSeq(inbox);

        store.messages.delete(inbox, metadata(inbox, uids.get(0)));
        ModSeq afterDelete = store.messages.getHighestModSeq(inbox);
        store.messages.move(archive, metadata(inbox, uids.get(1)));
        ModSeq afterMove = store.messages.getHighestModSeq(inbox);
        store.messageIds.delete(metadata(inbox, uids.get(2)).getMessageId());
        ModSeq afterDeleteById = store.messages.getHighestModSeq(inbox);

        assertThat(List.of(start, afterDelete, afterMove, afterDeleteById)).isSortedAccordingTo(ModSeq::compareTo).doesNotHaveDuplicates();
        assertThat(expungedSince(inbox, start)).containsExactly(uids.get(0), uids.get(1), uids.get(2));
        assertThat(expungedSince(inbox, afterDelete)).containsExactly(uids.get(1), uids.get(2));
        assertThat(expungedSince(inbox, afterMove)).containsExactly(uids.get(2));
        assertThat(expungedSince(archive, ModSeq.first())).isEmpty();
    }

    @Test
    void removingNothingTakesNoModSeq() throws Exception {
        List<MessageUid> uids = addMessages(inbox, 2);
        ModSeq highest = store.messages.getHighestModSeq(inbox);

        store.messages.deleteMessages(inbox, List.of(uids.get(1).next()));
        store.messageIds.delete(store.newMessageId());

        assertThat(store.messages.getHighestModSeq(inbox)).isEqualTo(highest);
        assertThat(expungedSince(inbox, ModSeq.first())).isEmpty();
    }

    @Test
    void changedSinceListsAddedAndReflaggedMessagesButNotExpungedOnes() throws Exception {
        List<MessageUid> uids = addMessages(inbox, 4);
        ModSeq checkpoint = store.messages.getHighestModSeq(inbox);

        store.messages.updateFlags(inbox, new FlagsUpdateCalculator(new Flags(Flags.Flag.SEEN), FlagsUpdateMode.ADD), MessageRange.one(uids.get(1)));
        store.messages.deleteMessages(inbox, List.of(uids.get(2)));
        MessageUid added = store.messages.add(inbox, StoreFixture.message(inbox, store.newMessageId(), "new")).getUid();
        store.messages.updateFlags(inbox, new FlagsUpdateCalculator(new Flags(Flags.Flag.SEEN), FlagsUpdateMode.ADD), MessageRange.one(uids.get(3)));
        store.messages.updateFlags(inbox, new FlagsUpdateCalculator(new Flags(Flags.Flag.SEEN), FlagsUpdateMode.REMOVE), MessageRange.one(uids.get(3)));

        List<ComposedMessageIdWithMetaData> changes = store.messages.changedSince(inbox, checkpoint).collectList().block();
        assertThat(changes).extracting(change -> change.getComposedMessageId().getUid())
            .containsExactly(uids.get(1), uids.get(3), added);
        assertThat(changes.get(0).getFlags()).isEqualTo(new Flags(Flags.Flag.SEEN));
        assertThat(changes.get(1).getFlags()).isEqualTo(new Flags());
        assertThat(changes.get(1).getModSeq()).isEqualTo(store.messages.getHighestModSeq(inbox));
    }

    @Test
    void anUpdateThatChangesNothingTakesNoModSeq() throws Exception {
        addMessages(inbox, 3);
        ModSeq highest = store.messages.getHighestModSeq(inbox);

        store.messages.updateFlags(inbox, new FlagsUpdateCalculator(new Flags(Flags.Flag.SEEN), FlagsUpdateMode.REMOVE), MessageRange.all());

        assertThat(store.messages.getHighestModSeq(inbox)).isEqualTo(highest);
        assertThat(store.messages.changedSince(inbox, highest).collectList().block()).isEmpty();
    }

    @Test
    void trimmingTheLogRaisesTheFloorToTheHighestTrimmedModSeq() throws Exception {
        useStoreWithExpungeLogRetention(10);
        List<MessageUid> uids = addMessages(inbox, 11);
        List<ModSeq> expungeModSeqs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            store.messages.deleteMessages(inbox, List.of(uids.get(i)));
            expungeModSeqs.add(store.messages.getHighestModSeq(inbox));
        }
        assertThat(store.messages.expungeFloor(inbox).block()).isEqualTo(ModSeq.first());
        assertThat(expungedSince(inbox, ModSeq.first())).hasSize(10);

        store.messages.deleteMessages(inbox, List.of(uids.get(10)));

        // Over the retention of 10, the log is cut to 9 records: the two oldest go, the floor is the second one's.
        assertThat(store.messages.expungeFloor(inbox).block()).isEqualTo(expungeModSeqs.get(1));
        assertThat(expungedSince(inbox, ModSeq.first())).containsExactlyElementsOf(uids.subList(2, 11));
        assertThat(expungedSince(inbox, expungeModSeqs.get(1))).containsExactlyElementsOf(uids.subList(2, 11));
    }

    @Test
    void aSingleExpungeLargerThanTheRetentionLeavesOnlyTheFloor() throws Exception {
        useStoreWithExpungeLogRetention(10);
        List<MessageUid> uids = addMessages(inbox, 15);

        store.messages.deleteMessages(inbox, uids);

        assertThat(store.messages.expungeFloor(inbox).block()).isEqualTo(store.messages.getHighestModSeq(inbox));
        assertThat(expungedSince(inbox, ModSeq.first())).isEmpty();
    }

    private void useStoreWithExpungeLogRetention(int retention) {
        store = new StoreFixture(databases.open(TestDatabases.configurationIn(folder, SyncPolicy.NORMAL).toBuilder()
            .expungeLogRetention(retention)
            .build()));
        inbox = store.createMailbox("INBOX");
    }

    private List<MessageUid> addMessages(Mailbox mailbox, int count) {
        return IntStream.range(0, count)
            .mapToObj(i -> add(mailbox, "body " + i))
            .collect(ImmutableList.toImmutableList());
    }

    private MessageUid add(Mailbox mailbox, String body) {
        try {
            return store.messages.add(mailbox, StoreFixture.message(mailbox, store.newMessageId(), body)).getUid();
        } catch (MailboxException e) {
            throw new IllegalStateException(e);
        }
    }

    private MailboxMessage metadata(Mailbox mailbox, MessageUid uid) throws MailboxException {
        return store.messages.findInMailbox(mailbox, MessageRange.one(uid), FetchType.METADATA, 1).next();
    }

    private List<MessageUid> expungedSince(Mailbox mailbox, ModSeq modSeq) {
        return store.messages.expungedSince(mailbox, modSeq).collect(Collectors.toList()).block();
    }
}
