package io.syncstore.server.modules;

import org.apache.james.lifecycle.api.StartUpCheck;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

import io.syncstore.server.startup.ListenAddressesCheck;
import io.syncstore.server.startup.SelfSignedKeystores;

/** What SyncStore checks and prepares before James's servers start. */
public class StartupChecksModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), StartUpCheck.class).addBinding().to(ListenAddressesCheck.class);
        bind(SelfSignedKeystores.class).asEagerSingleton();
    }
}
