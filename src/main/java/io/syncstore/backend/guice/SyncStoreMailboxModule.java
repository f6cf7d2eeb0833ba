package io.syncstore.backend.guice;

import static org.apache.james.modules.Names.MAILBOXMANAGER_NAME;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.adapter.mailbox.ACLUsernameChangeTaskStep;
import org.apache.james.adapter.mailbox.DelegationStoreAuthorizator;
import org.apache.james.adapter.mailbox.MailboxUsernameChangeTaskStep;
import org.apache.james.adapter.mailbox.QuotaUsernameChangeTaskStep;
import org.apache.james.adapter.mailbox.UserRepositoryAuthenticator;
import org.apache.james.events.EventListener;
import org.apache.james.mailbox.AttachmentContentLoader;
import org.apache.james.mailbox.AttachmentManager;
import org.apache.james.mailbox.Authenticator;
import org.apache.james.mailbox.Authorizator;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.MessageIdManager;
import org.apache.james.mailbox.RightManager;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.mailbox.extractor.TextExtractor;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.store.MailboxManagerConfiguration;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.SessionProviderImpl;
import org.apache.james.mailbox.store.StoreAttachmentManager;
import org.apache.james.mailbox.store.StoreMailboxManager;
import org.apache.james.mailbox.store.StoreMessageIdManager;
import org.apache.james.mailbox.store.StoreRightManager;
import org.apache.james.mailbox.store.StoreSubscriptionManager;
import org.apache.james.mailbox.store.event.MailboxAnnotationListener;
import org.apache.james.mailbox.store.extractor.JsoupTextExtractor;
import org.apache.james.mailbox.store.mail.AttachmentMapperFactory;
import org.apache.james.mailbox.store.mail.MailboxMapperFactory;
import org.apache.james.mailbox.store.mail.MessageMapperFactory;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.UidProvider;
import org.apache.james.mailbox.store.search.MessageSearchIndex;
import org.apache.james.mailbox.store.search.SimpleMessageSearchIndex;
import org.apache.james.mailbox.store.user.SubscriptionMapperFactory;
import org.apache.james.modules.mailbox.DefaultEventModule;
import org.apache.james.modules.mailbox.MemoryDeadLetterModule;
import org.apache.james.user.api.UsernameChangeTaskStep;
import org.apache.james.utils.MailboxManagerDefinition;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;

import io.syncstore.api.MessageSortOrder;
import io.syncstore.backend.SyncStoreMailboxManager;
import io.syncstore.backend.SyncStoreMailboxSessionMapperFactory;
import io.syncstore.backend.lock.SyncStoreMailboxPathLocker;
import io.syncstore.backend.mail.KeptMailboxesListener;
import io.syncstore.backend.mail.SyncStoreModSeqProvider;
import io.syncstore.backend.mail.SyncStoreUidProvider;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.model.SyncStoreMessageId;
import io.syncstore.backend.search.IndexedSearchIndex;
import io.syncstore.backend.search.SortedByColumn;
import io.syncstore.backend.thread.SyncStoreThreadIdGuessingAlgorithm;

/**
 * Binds James's mailbox API to the SyncStore backend, key for key where James's memory backend binds its own
 * classes, so that a server composed with this module instead of {@code MemoryMailboxModule} keeps mail on disk.
 */
public class SyncStoreMailboxModule extends AbstractModule {
    @Override
    protected void configure() {
        install(new SyncStoreDatabaseModule());
        install(new DefaultEventModule());
        install(new MemoryDeadLetterModule());
        install(new SyncStoreQuotaModule());

        bind(SyncStoreMailboxSessionMapperFactory.class).in(Scopes.SINGLETON);
        bind(MailboxSessionMapperFactory.class).to(SyncStoreMailboxSessionMapperFactory.class);
        bind(MessageMapperFactory.class).to(SyncStoreMailboxSessionMapperFactory.class);
        bind(MailboxMapperFactory.class).to(SyncStoreMailboxSessionMapperFactory.class);
        bind(AttachmentMapperFactory.class).to(SyncStoreMailboxSessionMapperFactory.class);
        bind(SubscriptionMapperFactory.class).to(SyncStoreMailboxSessionMapperFactory.class);
        bind(ModSeqProvider.class).to(SyncStoreModSeqProvider.class);
        bind(UidProvider.class).to(SyncStoreUidProvider.class);
        bind(MailboxId.Factory.class).to(SyncStoreMailboxId.Factory.class);
        bind(MessageId.Factory.class).to(SyncStoreMessageId.Factory.class);
        bind(ThreadIdGuessingAlgorithm.class).to(SyncStoreThreadIdGuessingAlgorithm.class);

        bind(SyncStoreMailboxManager.class).in(Scopes.SINGLETON);
        bind(MailboxManager.class).to(SyncStoreMailboxManager.class);
        bind(StoreMailboxManager.class).to(SyncStoreMailboxManager.class);
        bind(MailboxManager.class).annotatedWith(Names.named(MAILBOXMANAGER_NAME)).to(MailboxManager.class);
        bind(MailboxManagerConfiguration.class).toInstance(MailboxManagerConfiguration.DEFAULT);

        bind(StoreSubscriptionManager.class).in(Scopes.SINGLETON);
        bind(StoreMessageIdManager.class).in(Scopes.SINGLETON);
        bind(StoreAttachmentManager.class).in(Scopes.SINGLETON);
        bind(StoreRightManager.class).in(Scopes.SINGLETON);
        bind(SessionProviderImpl.class).in(Scopes.SINGLETON);
        bind(SyncStoreMailboxPathLocker.class).in(Scopes.SINGLETON);
        bind(UserRepositoryAuthenticator.class).in(Scopes.SINGLETON);
        bind(DelegationStoreAuthorizator.class).in(Scopes.SINGLETON);
        bind(SimpleMessageSearchIndex.class).in(Scopes.SINGLETON);
        bind(MessageSortOrder.class).to(SortedByColumn.class).in(Scopes.SINGLETON);
        bind(SubscriptionManager.class).to(StoreSubscriptionManager.class);
        bind(MessageIdManager.class).to(StoreMessageIdManager.class);
        bind(AttachmentManager.class).to(StoreAttachmentManager.class);
        bind(AttachmentContentLoader.class).to(AttachmentManager.class);
        bind(RightManager.class).to(StoreRightManager.class);
        bind(SessionProvider.class).to(SessionProviderImpl.class);
        bind(MailboxPathLocker.class).to(SyncStoreMailboxPathLocker.class);
        bind(Authenticator.class).to(UserRepositoryAuthenticator.class);
        bind(Authorizator.class).to(DelegationStoreAuthorizator.class);
        bind(IndexedSearchIndex.class).in(Scopes.SINGLETON);
        bind(MessageSearchIndex.class).to(IndexedSearchIndex.class);
        bind(TextExtractor.class).to(JsoupTextExtractor.class);

        Multibinder.newSetBinder(binder(), MailboxManagerDefinition.class)
            .addBinding()
            .to(SyncStoreMailboxManagerDefinition.class);
        Multibinder.newSetBinder(binder(), EventListener.GroupEventListener.class)
            .addBinding()
            .to(MailboxAnnotationListener.class);
        Multibinder.newSetBinder(binder(), EventListener.GroupEventListener.class)
            .addBinding()
            .to(KeptMailboxesListener.class);
        Multibinder<UsernameChangeTaskStep> usernameChangeSteps = Multibinder.newSetBinder(binder(), UsernameChangeTaskStep.class);
        usernameChangeSteps.addBinding().to(MailboxUsernameChangeTaskStep.class);
        usernameChangeSteps.addBinding().to(ACLUsernameChangeTaskStep.class);
        usernameChangeSteps.addBinding().to(QuotaUsernameChangeTaskStep.class);
    }

    @Singleton
    private static class SyncStoreMailboxManagerDefinition extends MailboxManagerDefinition {
        @Inject
        private SyncStoreMailboxManagerDefinition(SyncStoreMailboxManager manager) {
            super("syncstore-mailboxmanager", manager);
        }
    }
}
