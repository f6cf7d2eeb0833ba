package io.syncstore.backend.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageManager.FlagsUpdateMode;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxCounters;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.common.collect.ImmutableList;

import io.syncstore.backend.TestDatabases;

/** The stored counters must always equal what the UID list and the flags say, whatever changed them. */
class MailboxCountersTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private StoreFixture store;
    private List<Mailbox> mailboxes;

    @Test
    void countersFollowEveryKindOfChange() throws Exception {
        store = new StoreFixture(databases.open());
        mailboxes = List.of(store.createMailbox("INBOX"), store.createMailbox("Archive"), store.createMailbox("Trash"));
        Random random = new Random(42);
        for (int step = 0; step < 400; step++) {
            Mailbox mailbox = mailboxes.get(random.nextInt(mailboxes.size()));
            List<MailboxMessage> present = ImmutableList.copyOf(store.messages.findInMailbox(mailbox, MessageRange.all(), FetchType.METADATA, -1));
            MailboxMessage some = present.isEmpty() ? null : present.get(random.nextInt(present.size()));
            Mailbox other = mailboxes.get(random.nextInt(mailboxes.size()));
            switch (some == null ? 0 : random.nextInt(8)) {
                case 0:
                case 1:
                    store.messages.add(mailbox, StoreFixture.message(mailbox, store.newMessageId(), "body " + step));
                    break;
                case 2:
                    store.messages.updateFlags(mailbox, new FlagsUpdateCalculator(new Flags(Flags.Flag.SEEN), random.nextBoolean() ? FlagsUpdateMode.ADD : FlagsUpdateMode.REMOVE),
                        MessageRange.range(some.getUid(), some.getUid().next()));
                    break;
                case 3:
                    store.messages.copy(other, some);
                    break;
                case 4:
                    if (!other.equals(mailbox)) {
                        store.messages.move(other, some);
                    }
                    break;
                case 5:
                    store.messages.deleteMessages(mailbox, List.of(some.getUid()));
                    break;
                case 6:
                    store.messageIds.setFlags(some.getMessageId(), List.of(mailbox.getMailboxId(), other.getMailboxId()),
                        new Flags(Flags.Flag.SEEN), random.nextBoolean() ? FlagsUpdateMode.ADD : FlagsUpdateMode.REPLACE).block();
                    break;
                default:
                    store.messageIds.delete(some.getMessageId(), List.of(other.getMailboxId()));
            }
            for (Mailbox checked : mailboxes) {
                assertCountersMatchContents(checked);
            }
        }
    }

    private void assertCountersMatchContents(Mailbox mailbox) throws Exception {
        List<MessageUid> uids = store.messages.listAllMessageUids(mailbox).collectList().block();
        List<MailboxMessage> messages = ImmutableList.copyOf(store.messages.findInMailbox(mailbox, MessageRange.all(), FetchType.METADATA, -1));
        MailboxCounters counters = store.messages.getMailboxCounters(mailbox);
        assertThat(counters.getCount()).isEqualTo(uids.size());
        assertThat(counters.getUnseen()).isEqualTo(messages.stream().filter(message -> !message.isSeen()).count());
    }
}
