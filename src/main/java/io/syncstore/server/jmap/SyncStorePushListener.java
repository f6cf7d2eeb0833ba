package io.syncstore.server.jmap;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.jmap.api.model.PushSubscription;
import org.apache.james.jmap.api.model.PushSubscriptionCreationRequest;
import org.apache.james.jmap.api.model.PushSubscriptionExpiredTime;
import org.apache.james.jmap.api.model.PushSubscriptionId;
import org.apache.james.jmap.api.model.TypeName;
import org.apache.james.jmap.api.pushsubscription.PushSubscriptionRepository;
import org.apache.james.jmap.change.StateChangeEvent;
import org.apache.james.jmap.json.PushSerializer;
import org.apache.james.jmap.pushsubscription.PushListener;
import org.apache.james.jmap.pushsubscription.PushListenerGroup;
import org.apache.james.jmap.pushsubscription.WebPushClient;
import org.apache.james.user.api.DelegationStore;
import org.reactivestreams.Publisher;

import io.syncstore.backend.jmap.SyncStorePushSubscriptionRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Web Push of JMAP state changes (RFC 8620 §7.2) in place of James's {@link PushListener}, which reads for every state
 * change the users the account is delegated to, then each one's subscriptions, though most accounts have none: two
 * reads or more per change, a message write's changes being told to every account of its mailbox. Here they are one
 * read; a state change with subscriptions to push to is pushed by James's listener itself, given what that read found,
 * so that a push service receives what James sends.
 */
public class SyncStorePushListener implements EventListener.ReactiveGroupEventListener {
    private static final Group GROUP = new PushListenerGroup();

    private final SyncStorePushSubscriptionRepository subscriptions;
    private final DelegationStore delegations;
    private final WebPushClient webPushClient;
    private final PushSerializer pushSerializer;

    @Inject
    SyncStorePushListener(SyncStorePushSubscriptionRepository subscriptions, DelegationStore delegations,
                          WebPushClient webPushClient, PushSerializer pushSerializer) {
        this.subscriptions = subscriptions;
        this.delegations = delegations;
        this.webPushClient = webPushClient;
        this.pushSerializer = pushSerializer;
    }

    /** James's group, so that events left in the dead letters by an earlier version are still redelivered here. */
    @Override
    public Group getDefaultGroup() {
        return GROUP;
    }

    @Override
    public boolean isHandling(Event event) {
        return event instanceof StateChangeEvent;
    }

    @Override
    public Publisher<Void> reactiveEvent(Event event) {
        Username account = event.getUsername();
        return subscriptions.listWithDelegates(account)
            .flatMap(found -> found.isEmpty()
                ? Mono.empty()
                : Mono.from(new PushListener(new Found(found), webPushClient, pushSerializer, new FoundDelegates(account, found))
                    .reactiveEvent(event)));
    }

    /** The subscriptions read for one state change, as James's listener lists them; the rest is the repository's. */
    private final class Found implements PushSubscriptionRepository {
        private final Map<Username, List<PushSubscription>> byOwner;

        private Found(Map<Username, List<PushSubscription>> byOwner) {
            this.byOwner = byOwner;
        }

        @Override
        public Publisher<PushSubscription> list(Username username) {
            return Flux.fromIterable(byOwner.getOrDefault(username, List.of()));
        }

        @Override
        public Publisher<PushSubscription> save(Username username, PushSubscriptionCreationRequest request) {
            return subscriptions.save(username, request);
        }

        @Override
        public Publisher<PushSubscriptionExpiredTime> updateExpireTime(Username username, PushSubscriptionId id, ZonedDateTime expires) {
            return subscriptions.updateExpireTime(username, id, expires);
        }

        @Override
        public Publisher<Void> updateTypes(Username username, PushSubscriptionId id, Set<TypeName> types) {
            return subscriptions.updateTypes(username, id, types);
        }

        @Override
        public Publisher<Void> validateVerificationCode(Username username, PushSubscriptionId id) {
            return subscriptions.validateVerificationCode(username, id);
        }

        @Override
        public Publisher<Void> revoke(Username username, PushSubscriptionId id) {
            return subscriptions.revoke(username, id);
        }

        @Override
        public Publisher<PushSubscription> get(Username username, Set<PushSubscriptionId> ids) {
            return subscriptions.get(username, ids);
        }
    }

    /**
     * The users the account is delegated to, as the same read found them: those with subscriptions (James's listener
     * only lists theirs). The rest is the delegation store's.
     */
    private final class FoundDelegates implements DelegationStore {
        private final Username account;
        private final Map<Username, List<PushSubscription>> byOwner;

        private FoundDelegates(Username account, Map<Username, List<PushSubscription>> byOwner) {
            this.account = account;
            this.byOwner = byOwner;
        }

        @Override
        public Publisher<Username> authorizedUsers(Username baseUser) {
            if (!baseUser.equals(account)) {
                return delegations.authorizedUsers(baseUser);
            }
            return Flux.fromIterable(byOwner.keySet()).filter(owner -> !owner.equals(account));
        }

        @Override
        public Publisher<Void> clear(Username baseUser) {
            return delegations.clear(baseUser);
        }

        @Override
        public Publisher<Void> addAuthorizedUser(Username baseUser, Username userWithAccess) {
            return delegations.addAuthorizedUser(baseUser, userWithAccess);
        }

        @Override
        public Publisher<Void> removeAuthorizedUser(Username baseUser, Username userWithAccess) {
            return delegations.removeAuthorizedUser(baseUser, userWithAccess);
        }

        @Override
        public Publisher<Username> delegatedUsers(Username baseUser) {
            return delegations.delegatedUsers(baseUser);
        }

        @Override
        public Publisher<Void> removeDelegatedUser(Username baseUser, Username delegatedToUser) {
            return delegations.removeDelegatedUser(baseUser, delegatedToUser);
        }
    }
}
