package io.syncstore.backend;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.model.ComposedMessageIdWithMetaData;

import io.syncstore.api.MailboxChangeLog;
import io.syncstore.api.MailboxUidRanges;
import io.syncstore.api.MessageSortingFields;
import io.syncstore.api.MessageSummaries;
import io.syncstore.api.SortingFields;
import io.syncstore.backend.mail.SyncStoreMessageMapper;
import io.syncstore.backend.thread.SyncStoreThreadIdGuessingAlgorithm;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;

import javax.mail.Flags;

import org.apache.james.events.EventBus;
import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.QuotaRootResolver;
import org.apache.james.mailbox.store.BatchSizes;
import org.apache.james.mailbox.store.PreDeletionHooks;
import org.apache.james.mailbox.store.StoreMessageManager;
import org.apache.james.mailbox.store.StoreRightManager;
import org.apache.james.mailbox.store.mail.model.impl.MessageParser;
import org.apache.james.mailbox.store.search.MessageSearchIndex;

/**
 * A mailbox of the SyncStore backend: attachments are parsed and stored, user flags are permanent, and what changed
 * since a modseq is answered from the expunge log and the modseq index.
 */
public class SyncStoreMessageManager extends StoreMessageManager implements MailboxChangeLog, MailboxUidRanges,
    MessageSummaries, MessageSortingFields {
    private final SyncStoreMailboxSessionMapperFactory mapperFactory;

    public SyncStoreMessageManager(SyncStoreMailboxSessionMapperFactory mapperFactory, MessageSearchIndex index, EventBus eventBus,
                                   MailboxPathLocker locker, Mailbox mailbox, QuotaManager quotaManager,
                                   QuotaRootResolver quotaRootResolver, MessageParser messageParser,
                                   MessageId.Factory messageIdFactory, BatchSizes batchSizes,
                                   StoreRightManager storeRightManager, PreDeletionHooks preDeletionHooks,
                                   SyncStoreThreadIdGuessingAlgorithm threadIdGuessingAlgorithm, Clock clock) {
        super(SyncStoreMailboxManager.MESSAGE_CAPABILITIES, mapperFactory, index, eventBus, locker, mailbox, quotaManager,
            quotaRootResolver, batchSizes, storeRightManager, preDeletionHooks,
            new SyncStoreMessageStorer(mapperFactory, messageIdFactory, messageParser, threadIdGuessingAlgorithm, clock));
        this.mapperFactory = mapperFactory;
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
    public Mono<Map<MessageUid, SortingFields>> sortingFields(Collection<MessageUid> uids, MailboxSession session) {
        return messageMapper(session).sortingFields(getMailboxEntity(), uids);
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
