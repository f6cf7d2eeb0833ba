package io.syncstore.imap;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;

import io.syncstore.api.UrlAuthKeys;
import io.syncstore.imap.notify.NotifyRegistry;

/**
 * Declared in extensions.properties ({@code guice.extension.module=io.syncstore.imap.SyncStoreImapModule}).
 * {@link NotifyRegistry} is a just-in-time singleton, so Guice creates it in the server's root injector and the IMAP
 * processors of every {@code <imapserver>} share it; this module makes the server fail at start-up, not at the first
 * connection, when the registry cannot be built. URLAUTH's keys are optional: a backend that keeps them binds them
 * (SyncStore's server does), and without them URLAUTH is not offered.
 */
public class SyncStoreImapModule extends AbstractModule {
    @Override
    protected void configure() {
        requireBinding(NotifyRegistry.class);
        OptionalBinder.newOptionalBinder(binder(), UrlAuthKeys.class);
    }
}
