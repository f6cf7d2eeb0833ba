package io.syncstore.server.modules;

import javax.inject.Singleton;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;

import io.syncstore.backend.queue.SyncStoreMailQueueFactory;

/** Durable mail queues (the spool, RemoteDelivery's outgoing queue, ...) in the SyncStore database. */
public class SyncStoreMailQueueModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SyncStoreMailQueueFactory.class).in(Scopes.SINGLETON);
    }

    @Provides
    @Singleton
    MailQueueFactory<?> mailQueueFactory(SyncStoreMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> mailQueueFactoryOfMailQueues(SyncStoreMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableMailQueueFactory(SyncStoreMailQueueFactory factory) {
        return factory;
    }
}
