package io.syncstore.backend.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.Content;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;

import io.syncstore.backend.TestDatabases;

class LargeMessageTest {
    private static final long BODY_SIZE = 50L * 1024 * 1024;
    private static final long MEMORY_BUDGET = 8L * 1024 * 1024;

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Test
    void aFiftyMegabyteMessageIsKeptApartFromItsRowAndReadAsAStream() throws Exception {
        StoreFixture store = new StoreFixture(databases.open());
        Mailbox inbox = store.createMailbox("INBOX");
        MessageUid uid = store.messages.add(inbox, StoreFixture.message(inbox, store.newMessageId(), new GeneratedMessage())).getUid();
        assertThat(store.largeContents()).isEqualTo(1);
        assertThat(store.storedBytes()).isEqualTo(BODY_SIZE);

        long allocatedBefore = allocatedByThisThread();
        MailboxMessage message = store.messages.findInMailbox(inbox, MessageRange.one(uid), FetchType.FULL, 1).next();
        byte[] bodyStart = message.getBodyContent().readNBytes(10);
        long allocatedToStart = allocatedByThisThread() - allocatedBefore;
        HashCode readHash = sha256(message.getFullContent());
        long allocated = allocatedByThisThread() - allocatedBefore;

        assertThat(readHash).isEqualTo(sha256(new GeneratedMessage().getInputStream()));
        assertThat(new String(bodyStart, StandardCharsets.US_ASCII)).isEqualTo("abcdefghij");
        assertThat(message.getFullContentOctets()).isEqualTo(StoreFixture.HEADER.length() + BODY_SIZE);
        assertThat(allocatedToStart).isLessThan(MEMORY_BUDGET);
        if (!store.database().dialect().sharedByNodes()) {
            // A file streams through one buffer. PostgreSQL's driver allocates each chunk it reads (256 KiB, garbage
            // once read), so there only the read of the start shows that nothing is loaded whole.
            assertThat(allocated).isLessThan(MEMORY_BUDGET);
        }
    }

    @Test
    void copyingALargeMessageByMessageIdSharesItsContent() throws Exception {
        StoreFixture store = new StoreFixture(databases.open());
        Mailbox inbox = store.createMailbox("INBOX");
        Mailbox archive = store.createMailbox("Archive");
        MessageUid uid = store.messages.add(inbox, StoreFixture.message(inbox, store.newMessageId(), new GeneratedMessage())).getUid();

        long allocatedBefore = allocatedByThisThread();
        MailboxMessage copy = store.messages.findInMailbox(inbox, MessageRange.one(uid), FetchType.FULL, 1).next().copy(archive);
        copy.setUid(store.uids.nextUid(archive));
        copy.setModSeq(store.modSeqs.nextModSeq(archive));
        store.messageIds.copyInMailbox(copy, archive);
        long allocated = allocatedByThisThread() - allocatedBefore;

        assertThat(store.messages.getMailboxCounters(archive).getCount()).isEqualTo(1);
        assertThat(store.largeContents()).isEqualTo(1);
        assertThat(allocated).isLessThan(MEMORY_BUDGET);
    }

    private static HashCode sha256(InputStream stream) throws IOException {
        Hasher hasher = Hashing.sha256().newHasher();
        byte[] buffer = new byte[8 * 1024];
        try (InputStream input = stream) {
            int read;
            while ((read = input.read(buffer)) != -1) {
                hasher.putBytes(buffer, 0, read);
            }
        }
        return hasher.hash();
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
            .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** The header, then a body of the alphabet over and over, produced while read: never whole in memory. */
    private static final class GeneratedMessage implements Content {
        @Override
        public InputStream getInputStream() {
            return new SequenceInputStream(new ByteArrayInputStream(StoreFixture.HEADER.getBytes(StandardCharsets.US_ASCII)), new Alphabet());
        }

        @Override
        public long size() {
            return StoreFixture.HEADER.length() + BODY_SIZE;
        }
    }

    private static final class Alphabet extends InputStream {
        private long position;

        @Override
        public int read() {
            return position < BODY_SIZE ? 'a' + (int) (position++ % 26) : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= BODY_SIZE) {
                return -1;
            }
            int count = (int) Math.min(length, BODY_SIZE - position);
            for (int i = 0; i < count; i++) {
                buffer[offset + i] = (byte) ('a' + (position++ % 26));
            }
            return count;
        }
    }
}
