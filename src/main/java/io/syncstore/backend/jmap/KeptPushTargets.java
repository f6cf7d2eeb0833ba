package io.syncstore.backend.jmap;

import static org.apache.james.jmap.api.pushsubscription.PushSubscriptionHelpers.isNotOutdatedSubscription;

import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.core.Username;
import org.apache.james.jmap.api.model.PushSubscription;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Forgettings;
import reactor.core.publisher.Mono;

/**
 * The push subscriptions a state change of an account goes to (the account's own and those of the users it is
 * delegated to), as last read. Web Push looks them up for every state change, that is for every account a write
 * touched, and almost every account has none. They change only through {@link SyncStorePushSubscriptionRepository}
 * and the delegation store, which {@link #forgetAll} after each write, before their caller hears of it.
 *
 * <p>Kept only where this process is the store's one writer (SQLite): another node's writes would go unseen, and a
 * delegation removed there must stop the pushes to the delegate at once. A reading is kept only when nothing was
 * forgotten while it ran ({@link Forgettings}). A reading whose subscriptions include one expired since is read again
 * (the read deletes it).</p>
 */
@Singleton
public final class KeptPushTargets {
    static final long MAX_ACCOUNTS = 10_000;

    private final Clock clock;
    private final boolean keeping;
    private final Cache<Username, Map<Username, List<PushSubscription>>> byAccount =
        CacheBuilder.newBuilder().maximumSize(MAX_ACCOUNTS).build();
    private final Forgettings forgettings = new Forgettings();

    @Inject
    public KeptPushTargets(Clock clock, Database database) {
        this(clock, !database.dialect().sharedByNodes());
    }

    KeptPushTargets(Clock clock, boolean keeping) {
        this.clock = clock;
        this.keeping = keeping;
    }

    Mono<Map<Username, List<PushSubscription>>> of(Username account, Mono<Map<Username, List<PushSubscription>>> read) {
        if (!keeping) {
            return read;
        }
        return Mono.defer(() -> {
            Map<Username, List<PushSubscription>> kept = byAccount.getIfPresent(account);
            return kept != null && noneExpired(kept) ? Mono.just(kept) : keeping(account, read);
        });
    }

    /** Called when a write of subscriptions or delegations has ended, committed or not. */
    public void forgetAll() {
        forgettings.forget(byAccount::invalidateAll);
    }

    private Mono<Map<Username, List<PushSubscription>>> keeping(Username account, Mono<Map<Username, List<PushSubscription>>> read) {
        long mark = forgettings.mark();
        return read.map(Collections::unmodifiableMap)
            .doOnNext(found -> forgettings.keepIfNothingForgottenSince(mark, () -> byAccount.put(account, found)));
    }

    private boolean noneExpired(Map<Username, List<PushSubscription>> kept) {
        return kept.values().stream()
            .flatMap(List::stream)
            .allMatch(subscription -> isNotOutdatedSubscription(subscription, clock));
    }
}
