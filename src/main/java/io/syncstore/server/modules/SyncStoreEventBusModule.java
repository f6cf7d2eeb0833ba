package io.syncstore.server.modules;

import org.apache.james.events.EventBus;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

import io.syncstore.server.events.SyncStoreEventBus;

/**
 * Overrides James's {@code DefaultEventModule} binding of the mailbox {@link EventBus}: James 3.8.1's
 * {@code InVMEventBus} fails dispatches while IMAP connections register and unregister (docs/events.md).
 */
public class SyncStoreEventBusModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SyncStoreEventBus.class).in(Scopes.SINGLETON);
        bind(EventBus.class).to(SyncStoreEventBus.class);
    }
}
