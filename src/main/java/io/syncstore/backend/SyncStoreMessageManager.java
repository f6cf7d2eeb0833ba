package io.syncstore.backend;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.mail.Flags;

import org.apache.commons.lang3.tuple.Pair;
import org.apache.james.events.EventBus;
import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.MetadataWithMailboxId;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.events.MailboxIdRegistrationKey;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.ReadOnlyException;
import org.apache.james.mailbox.extension.PreDeletionHook;
import org.apache.james.mailbox.model.ByteSourceContent;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.ComposedMessageIdWithMetaData;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageAttachmentMetadata;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.QuotaRootResolver;
import org.apache.james.mailbox.store.BatchSizes;
import org.apache.james.mailbox.store.MailboxReactorUtils;
import org.apache.james.mailbox.store.MessageStorer;
import org.apache.james.mailbox.store.PreDeletionHooks;
import org.apache.james.mailbox.store.StoreMessageManager;
import org.apache.james.mailbox.store.StoreRightManager;
import org.apache.james.mailbox.store.event.EventFactory;
import org.apache.james.mailbox.store.mail.model.impl.MessageParser;
import org.apache.james.mailbox.store.quota.QuotaChecker;
import org.apache.james.mailbox.store.search.MessageSearchIndex;
import org.reactivestreams.Publisher;

import com.google.common.collect.ImmutableSortedMap;

import io.syncstore.api.AtomicAppends;
import io.syncstore.api.FlagRows;
import io.syncstore.api.MailboxChangeLog;
import io.syncstore.api.MailboxUidRanges;
import io.syncstore.api.MessageFlagRows;
import io.syncstore.api.MessageSortingFields;
import io.syncstore.api.MessageSummaries;
import io.syncstore.api.SortingFields;
import io.syncstore.api.ThreadingFields;
import io.syncstore.backend.mail.SyncStoreMessageMapper;
import io.syncstore.backend.thread.SyncStoreThreadIdGuessingAlgorithm;
import io.syncstore.reactive.Blocking;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A mailbox of the SyncStore backend: attachments are parsed and stored, user flags are permanent, and what changed
 * since a modseq is answered from the expunge log and the modseq index.
 */
public class SyncStoreMessageManager extends StoreMessageManager implements MailboxChangeLog, MailboxUidRanges,
    MessageSummaries, MessageFlagRows, MessageSortingFields, AtomicAppends {
    /** What {@code StoreMessageManager}'s own append path would store with: every append here is {@link #appendAll}. */
    private static final MessageStorer APPENDS_GO_THROUGH_APPEND_ALL = (mailbox, internalDate, size, bodyStartOctet, content,
                                                                        flags, properties, message, session, header) ->
        Mono.error(new IllegalStateException("SyncStore stores every message through appendAll"));

    private final SyncStoreMailboxSessionMapperFactory mapperFactory;
    private final SyncStoreMessageStorer storer;
    private final EventBus eventBus;
    private final MailboxPathLocker locker;
    private final QuotaManager quotaManager;
    private final QuotaRootResolver quotaRootResolver;
    private final PreDeletionHooks preDeletionHooks;
    private final boolean anyPreDeletionHook;

    public SyncStoreMessageManager(SyncStoreMailboxSessionMapperFactory mapperFactory, MessageSearchIndex index, EventBus eventBus,
                                   MailboxPathLocker locker, Mailbox mailbox, QuotaManager quotaManager,
                                   QuotaRootResolver quotaRootResolver, MessageParser messageParser,
                                   MessageId.Factory messageIdFactory, BatchSizes batchSizes,
                                   StoreRightManager storeRightManager, PreDeletionHooks preDeletionHooks,
                                   boolean anyPreDeletionHook, SyncStoreThreadIdGuessingAlgorithm threadIdGuessingAlgorithm,
                                   Clock clock) {
        this(mapperFactory, index, eventBus, locker, mailbox, quotaManager, quotaRootResolver, batchSizes, storeRightManager,
            preDeletionHooks, anyPreDeletionHook, new SyncStoreMessageStorer(mapperFactory, messageIdFactory, messageParser, threadIdGuessingAlgorithm, clock));
    }

    private SyncStoreMessageManager(SyncStoreMailboxSessionMapperFactory mapperFactory, MessageSearchIndex index, EventBus eventBus,
                                    MailboxPathLocker locker, Mailbox mailbox, QuotaManager quotaManager,
                                    QuotaRootResolver quotaRootResolver, BatchSizes batchSizes,
                                    StoreRightManager storeRightManager, PreDeletionHooks preDeletionHooks,
                                    boolean anyPreDeletionHook, SyncStoreMessageStorer storer) {
        super(SyncStoreMailboxManager.MESSAGE_CAPABILITIES, mapperFactory, index, eventBus, locker, mailbox, quotaManager,
            quotaRootResolver, batchSizes, storeRightManager, preDeletionHooks, APPENDS_GO_THROUGH_APPEND_ALL);
        this.mapperFactory = mapperFactory;
        this.storer = storer;
        this.eventBus = eventBus;
        this.locker = locker;
        this.quotaManager = quotaManager;
        this.quotaRootResolver = quotaRootResolver;
        this.preDeletionHooks = preDeletionHooks;
        this.anyPreDeletionHook = anyPreDeletionHook;
    }

    @Override
    public AppendResult appendMessage(AppendCommand command, MailboxSession session) throws MailboxException {
        return MailboxReactorUtils.block(appendOne(command, session));
    }

    @Override
    public Publisher<AppendResult> appendMessageReactive(AppendCommand command, MailboxSession session) {
        return appendOne(command, session);
    }

    /** James's older form: the stream is read once, into memory or a temporary file, and stored from there. */
    @Override
    public AppendResult appendMessage(InputStream msgIn, Date internalDate, MailboxSession session, boolean isRecent,
                                      Flags flags) throws MailboxException {
        try (ByteSourceContent content = ByteSourceContent.of(msgIn)) {
            return appendMessage(AppendCommand.builder()
                .withInternalDate(Optional.ofNullable(internalDate))
                .withFlags(Optional.ofNullable(flags).orElseGet(Flags::new))
                .isRecent(isRecent)
                .build(content), session);
        } catch (IOException e) {
            throw new MailboxException("Unable to read the message", e);
        }
    }

    private Mono<AppendResult> appendOne(AppendCommand command, MailboxSession session) {
        return appendAll(List.of(command), session).map(results -> results.get(0));
    }

    /**
     * All the messages in one write after one quota check for all of them together, then one {@code Added} event for
     * all of them. A failure before or in the write leaves the mailbox and its UID counter as they were. A single
     * APPEND or delivery is a list of one.
     *
     * <p>The checks and the quota's read run on the caller's thread when it may block (the one that found the
     * mailbox), and so do the lock, the write and the event when no one holds the mailbox's lock (when someone does,
     * they run on the thread that the lock is released to): each hand-off to another thread costs a wake-up and a
     * switch, and only the database's writer is worth one. The event is not waited for on a thread: a listener's work
     * (a session's \Recent claim) may need another thread of that pool.</p>
     */
    @Override
    public Mono<List<AppendResult>> appendAll(List<AppendCommand> commands, MailboxSession session) {
        if (commands.isEmpty()) {
            return Mono.just(List.of());
        }
        Mailbox mailbox = getMailboxEntity();
        return Blocking.call(() -> {
                if (!isWriteable(session)) {
                    throw new ReadOnlyException(getMailboxPath());
                }
                QuotaRoot quotaRoot = quotaRootResolver.getQuotaRoot(mailbox);
                new QuotaChecker(quotaManager.getQuotas(quotaRoot), quotaRoot).tryAddition(commands.size(), sizeOf(commands));
                return quotaRoot;
            })
            .then(Mono.from(locker.executeReactiveWithLockReactive(getMailboxPath(),
                Blocking.call(() -> storer.storeAll(mailbox, commands, SyncStoreMessageManager::flagsOf, session))
                    .flatMap(stored -> announce(mailbox, stored, isDelivery(commands), session)
                        .thenReturn(results(mailbox, stored))),
                MailboxPathLocker.LockType.Write)));
    }

    private static long sizeOf(List<AppendCommand> commands) throws MailboxException {
        long size = 0;
        for (AppendCommand command : commands) {
            size += command.getMsgIn().size();
        }
        return size;
    }

    /** The command's own flags, changed in place as James's APPEND changes them (its contract reads them back). */
    private static Flags flagsOf(AppendCommand command) {
        Flags flags = command.getFlags();
        if (command.isRecent()) {
            flags.add(Flags.Flag.RECENT);
        }
        return flags;
    }

    private static boolean isDelivery(List<AppendCommand> commands) {
        return commands.stream().allMatch(AppendCommand::isDelivery);
    }

    private Mono<Void> announce(Mailbox mailbox, List<Pair<MessageMetaData, List<MessageAttachmentMetadata>>> stored,
                                boolean isDelivery, MailboxSession session) {
        SortedMap<MessageUid, MessageMetaData> added = new TreeMap<>();
        stored.forEach(message -> added.put(message.getLeft().getUid(), message.getLeft()));
        return eventBus.dispatch(EventFactory.added()
                .randomEventId()
                .mailboxSession(session)
                .mailbox(mailbox)
                .metaData(added)
                .isDelivery(isDelivery)
                .build(),
            new MailboxIdRegistrationKey(mailbox.getMailboxId()));
    }

    private static List<AppendResult> results(Mailbox mailbox, List<Pair<MessageMetaData, List<MessageAttachmentMetadata>>> stored) {
        return stored.stream()
            .map(message -> new AppendResult(
                new ComposedMessageId(mailbox.getMailboxId(), message.getLeft().getMessageId(), message.getLeft().getUid()),
                message.getLeft().getSize(), Optional.of(message.getRight()), message.getLeft().getThreadId()))
            .collect(Collectors.toList());
    }

    /**
     * James's expunge (the hooks told, the messages removed, one {@code Expunged} event), with the messages marked
     * \Deleted read once before the write for the hooks (James reads their UIDs, then the same messages again), or
     * not at all before it without hooks. The write removes only what is still there, as James's does. The blocking
     * form is this one too.
     */
    @Override
    public Iterator<MessageUid> expunge(MessageRange set, MailboxSession session) throws MailboxException {
        return MailboxReactorUtils.block(expungeReactive(set, session).collectList()).iterator();
    }

    @Override
    public Flux<MessageUid> expungeReactive(MessageRange set, MailboxSession session) {
        if (!isWriteable(session)) {
            return Flux.error(new ReadOnlyException(getMailboxPath()));
        }
        Mailbox mailbox = getMailboxEntity();
        return expunged(mailbox, set, messageMapper(session))
            .flatMap(expunged -> announceExpunged(mailbox, expunged, session).thenReturn(expunged))
            .flatMapIterable(Map::keySet);
    }

    /**
     * The hooks are told what will be removed before the write, so their read comes first; without hooks the write
     * finds the messages marked \Deleted itself, one read fewer.
     */
    private Mono<Map<MessageUid, MessageMetaData>> expunged(Mailbox mailbox, MessageRange set, SyncStoreMessageMapper mapper) {
        if (!anyPreDeletionHook) {
            return mapper.expungeMarkedReactive(mailbox, set);
        }
        return mapper.markedForDeletionMetaData(mailbox, set)
            .flatMap(marked -> marked.isEmpty()
                ? Mono.just(Map.<MessageUid, MessageMetaData>of())
                : preDeletionHooks.runHooks(deleteOperation(mailbox, marked))
                    .then(mapper.deleteMessagesReactive(mailbox, uidsOf(marked))));
    }

    private static PreDeletionHook.DeleteOperation deleteOperation(Mailbox mailbox, List<MessageMetaData> marked) {
        return PreDeletionHook.DeleteOperation.from(marked.stream()
            .map(message -> MetadataWithMailboxId.from(message, mailbox.getMailboxId()))
            .collect(Collectors.toList()));
    }

    private static List<MessageUid> uidsOf(List<MessageMetaData> messages) {
        return messages.stream().map(MessageMetaData::getUid).collect(Collectors.toList());
    }

    private Mono<Void> announceExpunged(Mailbox mailbox, Map<MessageUid, MessageMetaData> expunged, MailboxSession session) {
        return eventBus.dispatch(EventFactory.expunged()
                .randomEventId()
                .mailboxSession(session)
                .mailbox(mailbox)
                .metaData(ImmutableSortedMap.copyOf(expunged))
                .build(),
            new MailboxIdRegistrationKey(mailbox.getMailboxId()));
    }

    @Override
    public Flux<ComposedMessageIdWithMetaData> changedSince(ModSeq modSeq, MailboxSession session) {
        return messageMapper(session).changedSince(getMailboxEntity(), modSeq);
    }

    @Override
    public Flux<MessageUid> expungedSince(ModSeq modSeq, MailboxSession session) {
        return messageMapper(session).expungedSince(getMailboxEntity(), modSeq);
    }

    @Override
    public Mono<ModSeq> expungeFloor(MailboxSession session) {
        return messageMapper(session).expungeFloor(getMailboxEntity());
    }

    @Override
    public Mono<Map<MessageUid, byte[]>> summaries(MessageRange range, MailboxSession session) {
        return messageMapper(session).summaries(getMailboxEntity(), range);
    }

    @Override
    public Mono<FlagRows> flagRows(MessageRange range, boolean withModSeq, MailboxSession session) {
        return messageMapper(session).flagRows(getMailboxEntity(), range, withModSeq);
    }

    @Override
    public Mono<Map<MessageUid, SortingFields>> sortingFields(Collection<MessageUid> uids, MailboxSession session) {
        return messageMapper(session).sortingFields(getMailboxEntity(), uids);
    }

    @Override
    public Mono<Optional<ThreadingFields>> threadingFields(long[] uids, MailboxSession session) {
        return messageMapper(session).threadingFields(getMailboxEntity(), uids);
    }

    @Override
    public Mono<long[]> uidRanges(MailboxSession session) {
        return messageMapper(session).uidRanges(getMailboxEntity());
    }

    private SyncStoreMessageMapper messageMapper(MailboxSession session) {
        return (SyncStoreMessageMapper) mapperFactory.getMessageMapper(session);
    }

    @Override
    public Flags getPermanentFlags(MailboxSession session) {
        Flags permanentFlags = new Flags(super.getPermanentFlags(session));
        permanentFlags.add(Flags.Flag.USER);
        return permanentFlags;
    }
}
