package io.syncstore.server.modules;

import org.apache.james.adapter.mailbox.DelegationStoreAuthorizator;
import org.apache.james.mailbox.Authorizator;
import org.apache.james.user.api.DelegationStore;
import org.apache.james.user.api.DelegationUsernameChangeTaskStep;
import org.apache.james.user.api.UsernameChangeTaskStep;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

import io.syncstore.backend.data.SyncStoreDelegationStore;

/** Which users may act as which others, in the SyncStore database. */
public class SyncStoreDelegationModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SyncStoreDelegationStore.class).in(Scopes.SINGLETON);
        bind(DelegationStore.class).to(SyncStoreDelegationStore.class);
        bind(Authorizator.class).to(DelegationStoreAuthorizator.class);

        Multibinder.newSetBinder(binder(), UsernameChangeTaskStep.class)
            .addBinding().to(DelegationUsernameChangeTaskStep.class);
    }
}
