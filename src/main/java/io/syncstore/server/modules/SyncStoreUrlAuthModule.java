package io.syncstore.server.modules;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

import io.syncstore.api.UrlAuthKeys;
import io.syncstore.backend.data.SyncStoreUrlAuthKeys;

/** URLAUTH's mailbox access keys in the SyncStore database: with them the IMAP package offers URLAUTH (RFC 4467). */
public class SyncStoreUrlAuthModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SyncStoreUrlAuthKeys.class).in(Scopes.SINGLETON);
        // SyncStoreImapModule's optional binding of the keys sees this one
        bind(UrlAuthKeys.class).to(SyncStoreUrlAuthKeys.class);
    }
}
