package io.syncstore.backend.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventBusTestFixture;
import org.apache.james.events.EventListener;
import org.apache.james.events.InVMEventBus;
import org.apache.james.events.MemoryEventDeadLetters;
import org.apache.james.events.delivery.InVmEventDelivery;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.events.MailboxIdRegistrationKey;
import org.apache.james.mailbox.exception.OverQuotaException;
import org.apache.james.mailbox.inmemory.InMemoryMailboxManager;
import org.apache.james.mailbox.inmemory.manager.InMemoryIntegrationResources;
import org.apache.james.mailbox.model.Content;
import org.apache.james.mailbox.FlagsBuilder;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.api.AtomicAppends;
import io.syncstore.backend.SyncStoreMailboxManager;
import io.syncstore.backend.SyncStoreResources;
import io.syncstore.backend.TestDatabases;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@link AtomicAppends} on SyncStore's store (SQLite, and PostgreSQL in the PostgreSQL pass): all or nothing. */
class SyncStoreAtomicAppendsTest {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private static final Username ALICE = Username.of("alice");

    private final List<MailboxEvents.Added> announced = new CopyOnWriteArrayList<>();
    private SyncStoreResources resources;
    private SyncStoreMailboxManager mailboxManager;
    private MailboxSession session;
    private MailboxPath inbox;
    private MessageManager mailbox;

    @BeforeEach
    void setUp() throws Exception {
        EventBus eventBus = new InVMEventBus(new InVmEventDelivery(new RecordingMetricFactory()),
            EventBusTestFixture.RETRY_BACKOFF_CONFIGURATION, new MemoryEventDeadLetters());
        resources = SyncStoreResources.builder(DATABASES.open()).eventBus(eventBus).build();
        mailboxManager = resources.getMailboxManager();
        session = mailboxManager.createSystemSession(ALICE);
        inbox = MailboxPath.inbox(ALICE);
        mailboxManager.createMailbox(inbox, session);
        mailbox = mailboxManager.getMailbox(inbox, session);
        Mono.from(eventBus.register(new EventListener() {
            @Override
            public void event(Event event) {
                if (event instanceof MailboxEvents.Added) {
                    announced.add((MailboxEvents.Added) event);
                }
            }
        }, new MailboxIdRegistrationKey(mailbox.getId()))).block();
    }

    private static MessageManager.AppendCommand command(String subject, Flags flags) {
        String message = "From: a@b.c\r\nSubject: " + subject + "\r\nContent-Type: text/plain\r\n\r\nline 1 of " + subject
            + "\r\nline 2\r\n";
        return MessageManager.AppendCommand.builder().withFlags(flags).build(message);
    }

    private List<MessageManager.AppendResult> appendAll(List<MessageManager.AppendCommand> commands) {
        return ((AtomicAppends) mailbox).appendAll(commands, session).block();
    }

    private List<MessageUid> uids(List<MessageManager.AppendResult> results) {
        return results.stream().map(result -> result.getId().getUid()).collect(Collectors.toList());
    }

    private MessageUid uidNext() throws Exception {
        return mailbox.getMetaData(MessageManager.MailboxMetaData.RecentMode.IGNORE, session,
            MessageManager.MailboxMetaData.FetchGroup.NO_COUNT).getUidNext();
    }

    @Test
    void allAreStoredWithConsecutiveUidsAndAnnouncedInOneEvent() throws Exception {
        mailbox.appendMessage(command("first", new Flags()), session);
        announced.clear();

        List<MessageManager.AppendResult> results = appendAll(List.of(
            command("m1", new Flags(Flags.Flag.SEEN)), command("m2", new Flags("$label")), command("m3", new Flags())));

        assertThat(uids(results)).containsExactly(MessageUid.of(2), MessageUid.of(3), MessageUid.of(4));
        assertThat(announced).hasSize(1);
        assertThat(announced.get(0).getUids()).containsExactlyElementsOf(uids(results));
        List<MessageResult> stored = new ArrayList<>();
        mailbox.getMessages(MessageRange.range(MessageUid.of(2), MessageUid.of(4)), FetchGroup.FULL_CONTENT, session)
            .forEachRemaining(stored::add);
        assertThat(stored).extracting(MessageResult::getUid).containsExactlyElementsOf(uids(results));
        assertThat(stored.get(0).getFlags().contains(Flags.Flag.SEEN)).isTrue();
        assertThat(stored.get(1).getFlags().contains("$label")).isTrue();
        assertThat(new String(stored.get(2).getFullContent().getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
            .contains("Subject: m3").endsWith("line 1 of m3\r\nline 2\r\n");
        assertThat(uidNext()).isEqualTo(MessageUid.of(5));
    }

    /**
     * SyncStore reads a message once, for a single APPEND as for a MULTIAPPEND; the header, the body offset and the
     * MIME properties it stores are what James's own APPEND (its memory mailbox) stores for the same octets.
     */
    @Test
    void messagesAreReadAsJamesReadsOneAppend() throws Exception {
        List<String> messages = List.of(
            "From: a@b.c\r\nSubject: plain, no Content-Type\r\n\r\nline 1\r\nline 2\r\nline 3\r\n",
            "Content-Type: text/html; charset=UTF-8; format=flowed\r\nContent-Language: en, fr\r\n"
                + "Content-ID: <id@b.c>\r\nContent-Description: a page\r\nContent-Transfer-Encoding: 8bit\r\n"
                + "Content-Location: http://b.c/x\r\nContent-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\r\n\r\n<p>x</p>\r\n",
            "Content-Type: multipart/mixed; boundary=\"b1\"\r\nContent-Disposition: inline; filename=x.txt\r\n\r\n"
                + "preamble\r\n--b1\r\nContent-Type: text/plain\r\n\r\none\r\n--b1--\r\nepilogue\r\n",
            "Content-Type: text/plain\r\nSubject: no charset, epilogue-free\r\n\r\nx",
            "Subject: no body");
        InMemoryMailboxManager james = InMemoryIntegrationResources.defaultResources().getMailboxManager();
        MailboxSession jamesSession = james.createSystemSession(ALICE);
        james.createMailbox(inbox, jamesSession);
        MessageManager jamesInbox = james.getMailbox(inbox, jamesSession);
        for (String message : messages) {
            jamesInbox.appendMessage(MessageManager.AppendCommand.builder().build(message), jamesSession);
            mailbox.appendMessage(MessageManager.AppendCommand.builder().build(message), session);
        }
        appendAll(messages.stream().map(message -> MessageManager.AppendCommand.builder().build(message))
            .collect(Collectors.toList()));

        List<MailboxMessage> byJames = stored(james.getMapperFactory().getMessageMapper(jamesSession), jamesInbox);
        List<MailboxMessage> bySyncStore = stored(mailboxManager.getMapperFactory().getMessageMapper(session), mailbox);
        assertThat(bySyncStore).hasSize(2 * messages.size());
        for (int i = 0; i < bySyncStore.size(); i++) {
            MailboxMessage reference = byJames.get(i % messages.size());
            MailboxMessage ours = bySyncStore.get(i);
            String message = messages.get(i % messages.size());
            assertThat(ours.getProperties()).as(message).isEqualTo(reference.getProperties());
            assertThat(ours.getTextualLineCount()).as(message).isEqualTo(reference.getTextualLineCount());
            assertThat(ours.getHeaderOctets()).as(message).isEqualTo(reference.getHeaderOctets());
            assertThat(ours.getFullContentOctets()).as(message).isEqualTo(reference.getFullContentOctets());
        }
    }

    private static List<MailboxMessage> stored(MessageMapper mapper, MessageManager mailbox) throws Exception {
        List<MailboxMessage> stored = new ArrayList<>();
        mapper.findInMailbox(mailbox.getMailboxEntity(), MessageRange.all(), MessageMapper.FetchType.FULL, -1)
            .forEachRemaining(stored::add);
        return stored;
    }

    /** James's AppendCommand and its older InputStream form are the same single APPEND: flags, date, one event. */
    @Test
    void oneAppendIsAnnouncedInOneEventAsJamesAnnouncesIt() throws Exception {
        Date internalDate = new Date(1_700_000_000_000L);
        MessageManager.AppendResult result = mailbox.appendMessage(MessageManager.AppendCommand.builder()
            .withInternalDate(internalDate).withFlags(new Flags(Flags.Flag.FLAGGED)).delivery()
            .build(command("one", new Flags()).getMsgIn()), session);
        mailbox.appendMessage(new ByteArrayInputStream("Subject: two\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)),
            internalDate, session, false, new Flags("$label"));

        assertThat(result.getId().getUid()).isEqualTo(MessageUid.of(1));
        assertThat(announced).hasSize(2);
        assertThat(announced.get(0).isDelivery()).isTrue();
        assertThat(announced.get(1).isDelivery()).isFalse();
        assertThat(announced.get(1).getUids()).containsExactly(MessageUid.of(2));
        List<MessageResult> stored = new ArrayList<>();
        mailbox.getMessages(MessageRange.all(), FetchGroup.MINIMAL, session).forEachRemaining(stored::add);
        assertThat(stored).extracting(MessageResult::getInternalDate).containsOnly(internalDate);
        assertThat(stored.get(0).getFlags()).isEqualTo(new FlagsBuilder().add(Flags.Flag.FLAGGED, Flags.Flag.RECENT).build());
        assertThat(stored.get(1).getFlags()).isEqualTo(new Flags("$label"));
    }

    @Test
    void aQuotaThatCannotTakeThemAllStoresNoneUsesNoUidAndAnnouncesNothing() throws Exception {
        resources.getMaxQuotaManager().setMaxMessage(resources.getQuotaRootResolver().getQuotaRoot(inbox),
            QuotaCountLimit.count(3));
        mailbox.appendMessage(command("first", new Flags()), session);
        announced.clear();

        assertThatThrownBy(() -> appendAll(List.of(command("m1", new Flags()), command("m2", new Flags()),
            command("m3", new Flags())))).hasCauseInstanceOf(OverQuotaException.class);

        assertThat(mailbox.getMessageCount(session)).isEqualTo(1);
        assertThat(uidNext()).isEqualTo(MessageUid.of(2));
        assertThat(announced).isEmpty();
        assertThat(uids(appendAll(List.of(command("m1", new Flags()), command("m2", new Flags())))))
            .containsExactly(MessageUid.of(2), MessageUid.of(3));
    }

    @Test
    void aMessageThatCannotBeReadStoresNoneOfThem() throws Exception {
        Content unreadable = new Content() {
            @Override
            public InputStream getInputStream() throws IOException {
                throw new IOException("gone");
            }

            @Override
            public long size() {
                return 10;
            }
        };

        assertThatThrownBy(() -> appendAll(List.of(command("m1", new Flags()), command("m2", new Flags()),
            MessageManager.AppendCommand.builder().build(unreadable)))).isNotNull();

        assertThat(mailbox.getMessageCount(session)).isZero();
        assertThat(uidNext()).isEqualTo(MessageUid.of(1));
        assertThat(announced).isEmpty();
    }

    @Test
    void concurrentCallersGetDisjointConsecutiveUids() throws Exception {
        for (int round = 0; round < 3; round++) {
            MessageUid first = uidNext();
            announced.clear();
            List<List<MessageUid>> given = Flux.range(0, 8)
                .flatMap(caller -> Mono.defer(() -> ((AtomicAppends) mailbox).appendAll(List.of(
                        command("c" + caller + "a", new Flags()), command("c" + caller + "b", new Flags()),
                        command("c" + caller + "c", new Flags())), session))
                    .subscribeOn(Schedulers.boundedElastic()), 8)
                .map(this::uids)
                .collectList()
                .block();

            Set<MessageUid> all = new TreeSet<>();
            for (List<MessageUid> uids : given) {
                assertThat(uids.get(1).asLong()).isEqualTo(uids.get(0).asLong() + 1);
                assertThat(uids.get(2).asLong()).isEqualTo(uids.get(0).asLong() + 2);
                assertThat(all).doesNotContainAnyElementsOf(uids);
                all.addAll(uids);
            }
            Set<MessageUid> expected = IntStream.range(0, 24).mapToObj(i -> MessageUid.of(first.asLong() + i))
                .collect(Collectors.toCollection(TreeSet::new));
            assertThat(all).isEqualTo(expected);
            assertThat(announced).hasSize(8);
            Set<MessageUid> told = new TreeSet<>();
            announced.forEach(added -> told.addAll(added.getUids()));
            assertThat(told).isEqualTo(expected);
        }
    }
}
