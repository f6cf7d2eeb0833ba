package io.syncstore.imap;

import com.google.inject.AbstractModule;

import io.syncstore.imap.notify.NotifyRegistry;

/**
 * Declared in extensions.properties ({@code guice.extension.module=io.syncstore.imap.SyncStoreImapModule}).
 * {@link NotifyRegistry} is a just-in-time singleton, so Guice creates it in the server's root injector and the IMAP
 * processors of every {@code <imapserver>} share it; this module makes the server fail at start-up, not at the first
 * connection, when the registry cannot be built.
 */
public class SyncStoreImapModule extends AbstractModule {
    @Override
    protected void configure() {
        requireBinding(NotifyRegistry.class);
    }
}
