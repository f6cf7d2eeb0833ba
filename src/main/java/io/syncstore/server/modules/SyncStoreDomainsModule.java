package io.syncstore.server.modules;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.ProvidesIntoSet;

import io.syncstore.backend.data.SyncStoreDomainList;

/** The domains served, in the SyncStore database; default domain and auto-detection from {@code domainlist.xml}. */
public class SyncStoreDomainsModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SyncStoreDomainList.class).in(Scopes.SINGLETON);
        bind(DomainList.class).to(SyncStoreDomainList.class);
    }

    @ProvidesIntoSet
    InitializationOperation configureDomainList(DomainListConfiguration configuration, SyncStoreDomainList domainList) {
        return InitilizationOperationBuilder
            .forClass(SyncStoreDomainList.class)
            .init(() -> domainList.configure(configuration));
    }
}
