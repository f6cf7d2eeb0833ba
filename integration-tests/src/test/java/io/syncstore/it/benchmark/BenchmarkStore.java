package io.syncstore.it.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.inmemory.InMemoryMailboxSessionMapperFactory;
import org.apache.james.mailbox.inmemory.InMemoryMessageId;
import org.apache.james.mailbox.model.ByteContent;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;

import com.google.common.collect.ImmutableSet;

import io.syncstore.backend.SyncStoreMailboxSessionMapperFactory;
import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.jmap.SavedChangeAccounts;
import io.syncstore.backend.model.SyncStoreMessageId;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A mailbox backend under benchmark, at the MessageMapper layer: SyncStore in a temporary folder, or James's memory
 * backend. Every message it makes has a body of its own, so that SyncStore's content sharing never applies.
 */
final class BenchmarkStore implements AutoCloseable {
    private static final Username USER = Username.of("bench@example.com");
    private static final String HEADER = "Return-Path: <alice@example.org>\r\n"
        + "Received: from mx.example.org by mail.example.com; Thu, 27 Nov 2025 10:00:00 +0000\r\n"
        + "From: Alice <alice@example.org>\r\n"
        + "To: Bench <bench@example.com>\r\n"
        + "Subject: Benchmark message %d\r\n"
        + "Date: Thu, 27 Nov 2025 10:00:00 +0000\r\n"
        + "Message-ID: <%d@example.org>\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=us-ascii\r\n"
        + "Content-Transfer-Encoding: 7bit\r\n"
        + "\r\n";
    private static final int FILL_CONCURRENCY = 64;

    final MailboxMapper mailboxes;
    final MessageMapper messages;
    private final MessageId.Factory messageIds;
    private final Path folder;
    private Database database;
    private final AtomicLong sequence = new AtomicLong();

    private BenchmarkStore(MailboxSessionMapperFactory mappers, MessageId.Factory messageIds, Path folder, Database database) {
        this.mailboxes = mappers.createMailboxMapper(null);
        this.messages = mappers.createMessageMapper(null);
        this.messageIds = messageIds;
        this.folder = folder;
        this.database = database;
    }

    /** {@code syncstore-full} (the default, durable), {@code syncstore-normal} or {@code memory}. */
    static BenchmarkStore open(String backend) {
        switch (backend) {
            case "syncstore-full":
                return syncStore(SyncPolicy.FULL, SyncStoreConfiguration.DEFAULT_INLINE_CONTENT_THRESHOLD);
            case "syncstore-normal":
                return syncStore(SyncPolicy.NORMAL, SyncStoreConfiguration.DEFAULT_INLINE_CONTENT_THRESHOLD);
            case "memory":
                return new BenchmarkStore(new InMemoryMailboxSessionMapperFactory(Clock.systemUTC()),
                    new InMemoryMessageId.Factory(), null, null);
            default:
                throw new IllegalArgumentException("Unknown backend " + backend);
        }
    }

    static BenchmarkStore syncStore(SyncPolicy syncPolicy, int inlineContentThreshold) {
        try {
            Path folder = Files.createTempDirectory("syncstore-bench");
            Database database = Database.open(SyncStoreConfiguration.builder()
                .databaseFile(folder.resolve("mail.db"))
                .syncPolicy(syncPolicy)
                .inlineContentThreshold(inlineContentThreshold)
                .build());
            return new BenchmarkStore(new SyncStoreMailboxSessionMapperFactory(database, new ContentStore(database), Clock.systemUTC(),
                    new SavedChangeAccounts()),
                new SyncStoreMessageId.Factory(), folder, database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Mailbox createMailbox(String name) {
        return mailboxes.create(MailboxPath.forUser(USER, name), UidValidity.of(1)).block();
    }

    MessageMetaData append(Mailbox mailbox, int bodySize) throws MailboxException {
        return messages.add(mailbox, newMessage(mailbox, bodySize));
    }

    /** Appends many messages concurrently, which SyncStore commits in groups. */
    void fill(Mailbox mailbox, int count, int bodySize) {
        Flux.range(0, count)
            .flatMap(i -> Mono.from(messages.addReactive(mailbox, newMessage(mailbox, bodySize))), FILL_CONCURRENCY)
            .blockLast();
    }

    long lastUid(Mailbox mailbox) throws MailboxException {
        return messages.getLastUid(mailbox).map(MessageUid::asLong).orElse(0L);
    }

    /**
     * Deletes the messages above the UID, to bring a mailbox back to its size before a measurement. The UIDs go as a
     * list whose {@code contains} is a hash lookup: James's memory backend calls it for every message of the mailbox.
     */
    void trimTo(Mailbox mailbox, long lastUid) throws MailboxException {
        List<MessageUid> added = ImmutableSet.copyOf(messages.listAllMessageUids(mailbox)
                .filter(uid -> uid.asLong() > lastUid)
                .toIterable())
            .asList();
        if (!added.isEmpty()) {
            messages.deleteMessages(mailbox, added);
        }
    }

    MailboxMessage find(Mailbox mailbox, MessageUid uid) throws MailboxException {
        return messages.findInMailbox(mailbox, MessageRange.one(uid), FetchType.FULL, 1).next();
    }

    /** Fetches the message and streams its whole content through the buffer; returns the number of bytes read. */
    long readFully(Mailbox mailbox, MessageUid uid, byte[] buffer) throws MailboxException, IOException {
        long total = 0;
        try (InputStream content = find(mailbox, uid).getFullContent()) {
            int read;
            while ((read = content.read(buffer)) != -1) {
                total += read;
            }
        }
        return total;
    }

    SimpleMailboxMessage newMessage(Mailbox mailbox, int bodySize) {
        long number = sequence.incrementAndGet();
        byte[] header = String.format(HEADER, number, number).getBytes(StandardCharsets.US_ASCII);
        byte[] line = ("Line of message " + number + ": lorem ipsum dolor sit amet, consectetur adipiscing elit.\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        byte[] content = Arrays.copyOf(header, header.length + bodySize);
        for (int i = 0; i < bodySize; i++) {
            content[header.length + i] = line[i % line.length];
        }
        MessageId messageId = messageIds.generate();
        return SimpleMailboxMessage.builder()
            .messageId(messageId)
            .threadId(ThreadId.fromBaseMessageId(messageId))
            .mailboxId(mailbox.getMailboxId())
            .internalDate(new Date())
            .size(content.length)
            .bodyStartOctet(header.length)
            .content(new ByteContent(content))
            .flags(new Flags())
            .properties(new PropertyBuilder())
            .build();
    }

    /** Closes SyncStore's database, which folds its write-ahead log into the database file. */
    void closeDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    Path folder() {
        return folder;
    }

    @Override
    public void close() {
        closeDatabase();
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
