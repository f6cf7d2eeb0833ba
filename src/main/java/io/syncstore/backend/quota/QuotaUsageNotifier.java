package io.syncstore.backend.quota;

import java.time.Instant;
import java.util.Set;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.mailbox.events.MailboxEvents.Added;
import org.apache.james.mailbox.events.MailboxEvents.Expunged;
import org.apache.james.mailbox.events.MailboxEvents.MetaDataHoldingEvent;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.QuotaRootResolver;
import org.apache.james.mailbox.store.event.EventFactory;
import org.apache.james.mailbox.store.quota.ListeningCurrentQuotaUpdater;
import org.apache.james.mailbox.store.quota.QuotaUpdater;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;

/**
 * Tells the usage of a quota root after messages were added to or expunged from one of its mailboxes. The usage
 * itself changed in the write that added or removed them (see {@code MailboxEntries}), so this only reads it: James's
 * {@link ListeningCurrentQuotaUpdater} would write it again, in a commit of its own.
 */
public final class QuotaUsageNotifier implements EventListener.ReactiveGroupEventListener, QuotaUpdater {
    private final QuotaRootResolver quotaRootResolver;
    private final QuotaManager quotaManager;
    private final EventBus eventBus;
    private final boolean heard;

    /**
     * @param heard whether a listener may hear the usage told: without one, nothing is read or told after a write
     */
    public QuotaUsageNotifier(QuotaRootResolver quotaRootResolver, QuotaManager quotaManager, EventBus eventBus, boolean heard) {
        this.quotaRootResolver = quotaRootResolver;
        this.quotaManager = quotaManager;
        this.eventBus = eventBus;
        this.heard = heard;
    }

    /** The group of the listener this one replaces, so that a distributed event bus keeps its queue and bindings. */
    @Override
    public Group getDefaultGroup() {
        return ListeningCurrentQuotaUpdater.GROUP;
    }

    @Override
    public boolean isHandling(Event event) {
        return heard && (event instanceof Added || event instanceof Expunged);
    }

    @Override
    public Publisher<Void> reactiveEvent(Event event) {
        MetaDataHoldingEvent changed = (MetaDataHoldingEvent) event;
        if (!changesUsage(changed)) {
            return Mono.empty();
        }
        return Mono.from(quotaRootResolver.getQuotaRootReactive(changed.getMailboxPath()))
            .flatMap(quotaRoot -> tellUsage(quotaRoot, changed.getUsername()));
    }

    /** As James's listener: an event without messages, or whose messages are all empty, changes nothing to tell. */
    private static boolean changesUsage(MetaDataHoldingEvent event) {
        return event.getUids().stream().anyMatch(uid -> event.getMetaData(uid).getSize() > 0);
    }

    private Mono<Void> tellUsage(QuotaRoot quotaRoot, Username username) {
        return Mono.from(quotaManager.getQuotasReactive(quotaRoot))
            .flatMap(quotas -> eventBus.dispatch(EventFactory.quotaUpdated()
                    .randomEventId()
                    .user(username)
                    .quotaRoot(quotaRoot)
                    .quotaCount(quotas.getMessageQuota())
                    .quotaSize(quotas.getStorageQuota())
                    .instant(Instant.now())
                    .build(),
                Set.of()));
    }
}
