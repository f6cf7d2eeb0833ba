package io.syncstore.server.modules;

import java.util.List;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.mailrepository.api.MailRepositoryFactory;
import org.apache.james.mailrepository.api.MailRepositoryUrlStore;
import org.apache.james.mailrepository.memory.MailRepositoryStoreConfiguration;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

import io.syncstore.backend.data.SyncStoreMailRepository;
import io.syncstore.backend.data.SyncStoreMailRepositoryFactory;
import io.syncstore.backend.data.SyncStoreMailRepositoryUrlStore;

/**
 * Mail repositories (errored, relay-denied, ... mail) of the {@code syncstore} protocol in the SyncStore database,
 * the default when {@code mailrepositorystore.xml} declares none.
 */
public class SyncStoreMailRepositoryModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SyncStoreMailRepositoryUrlStore.class).in(Scopes.SINGLETON);
        bind(MailRepositoryUrlStore.class).to(SyncStoreMailRepositoryUrlStore.class);

        bind(MailRepositoryStoreConfiguration.Item.class)
            .toProvider(() -> new MailRepositoryStoreConfiguration.Item(
                List.of(SyncStoreMailRepositoryFactory.PROTOCOL),
                SyncStoreMailRepository.class.getName(),
                new BaseHierarchicalConfiguration()));

        Multibinder.newSetBinder(binder(), MailRepositoryFactory.class)
            .addBinding().to(SyncStoreMailRepositoryFactory.class);
    }
}
