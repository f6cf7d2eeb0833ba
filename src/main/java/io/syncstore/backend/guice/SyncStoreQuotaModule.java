package io.syncstore.backend.guice;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventListener;
import org.apache.james.mailbox.quota.CurrentQuotaManager;
import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.QuotaRootDeserializer;
import org.apache.james.mailbox.quota.QuotaRootResolver;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.mailbox.store.quota.DefaultUserQuotaRootResolver;
import org.apache.james.mailbox.store.quota.QuotaUpdater;
import org.apache.james.modules.mailbox.ListenersConfiguration;
import org.apache.james.quota.search.QuotaSearcher;
import org.apache.james.quota.search.scanning.ScanningQuotaSearcher;
import org.apache.james.server.core.configuration.ConfigurationProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;

import io.syncstore.backend.quota.QuotaUsageNotifier;
import io.syncstore.backend.quota.SyncStoreCurrentQuotaManager;
import io.syncstore.backend.quota.SyncStoreMaxQuotaManager;
import io.syncstore.backend.quota.SyncStoreQuotaManager;

/** Quota limits and usage kept in the SyncStore database, the usage changed with the messages it counts. */
public class SyncStoreQuotaModule extends AbstractModule {
    private static final String LISTENERS = "listeners";

    @Override
    protected void configure() {
        bind(DefaultUserQuotaRootResolver.class).in(Scopes.SINGLETON);
        bind(SyncStoreMaxQuotaManager.class).in(Scopes.SINGLETON);
        bind(SyncStoreCurrentQuotaManager.class).in(Scopes.SINGLETON);
        bind(SyncStoreQuotaManager.class).in(Scopes.SINGLETON);
        bind(ScanningQuotaSearcher.class).in(Scopes.SINGLETON);

        bind(UserQuotaRootResolver.class).to(DefaultUserQuotaRootResolver.class);
        bind(QuotaRootResolver.class).to(DefaultUserQuotaRootResolver.class);
        bind(QuotaRootDeserializer.class).to(DefaultUserQuotaRootResolver.class);
        bind(MaxQuotaManager.class).to(SyncStoreMaxQuotaManager.class);
        bind(CurrentQuotaManager.class).to(SyncStoreCurrentQuotaManager.class);
        bind(QuotaManager.class).to(SyncStoreQuotaManager.class);
        bind(QuotaUpdater.class).to(QuotaUsageNotifier.class);
        bind(QuotaSearcher.class).to(ScanningQuotaSearcher.class);

        Multibinder.newSetBinder(binder(), EventListener.ReactiveGroupEventListener.class)
            .addBinding()
            .to(QuotaUsageNotifier.class);
    }

    /**
     * The usage is told only when {@code listeners.xml} configures a listener: none of this server's own listeners
     * hears it (James's quota mailing comes only through that file), and telling it costs a read of the usage and the
     * limits after every APPEND and EXPUNGE.
     */
    @Provides
    @Singleton
    QuotaUsageNotifier quotaUsageNotifier(QuotaRootResolver quotaRootResolver, QuotaManager quotaManager, EventBus eventBus,
                                          ConfigurationProvider configurationProvider) throws ConfigurationException {
        return new QuotaUsageNotifier(quotaRootResolver, quotaManager, eventBus,
            anyListenerConfigured(configurationProvider.getConfiguration(LISTENERS)));
    }

    static boolean anyListenerConfigured(HierarchicalConfiguration<ImmutableNode> listeners) {
        return !ListenersConfiguration.from(listeners).getListenersConfiguration().isEmpty();
    }
}
