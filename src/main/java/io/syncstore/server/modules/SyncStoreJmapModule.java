package io.syncstore.server.modules;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventListener;
import org.apache.james.jmap.InjectionKeys;
import org.apache.james.jmap.JMAPConfiguration;
import org.apache.james.jmap.JMAPServer;
import org.apache.james.jmap.draft.JMAPDraftConfiguration;
import org.apache.james.jmap.event.PropagateLookupRightListener;
import org.apache.james.jmap.pushsubscription.WebPushClient;
import org.apache.james.modules.protocols.JMAPServerModule;
import org.apache.james.modules.server.MailetContainerModule;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.utils.PropertiesProvider;

import com.google.common.collect.Sets;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.google.inject.name.Names;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;

import io.syncstore.backend.jmap.SyncStoreEmailQueryView;
import io.syncstore.config.ConfigurationError;
import io.syncstore.server.events.SyncStoreEventBus;
import io.syncstore.server.jmap.EmailQueryViewUpkeep;
import io.syncstore.server.jmap.JmapChangeListener;
import io.syncstore.server.jmap.JmapListener;
import io.syncstore.server.jmap.SyncStoreJmapServer;
import io.syncstore.server.jmap.SyncStorePushListener;
import io.syncstore.server.jmap.SyncStoreWebPushClient;
import io.syncstore.server.startup.KeystoreSecrets;
import io.syncstore.server.startup.SelfSignedKeystores;

/**
 * James's JMAP (RFC 8620/8621) server, its listeners (changes, fast views), and its repositories in the SyncStore
 * database. Configured by {@code jmap.properties}.
 */
public class SyncStoreJmapModule extends AbstractModule {
    private static final String DEFAULT_SIGNING_KEYSTORE = "file://var/tls/keystore";

    /**
     * The bus of JMAP state changes: EventSource and WebSocket connections register on it per account, and Web Push's
     * {@link SyncStorePushListener} (in place of James's {@code PushListener}) listens as a group. It is the server's
     * one event bus, {@link SyncStoreEventBus}, bound by {@link SyncStoreEventBusModule}, for a reason: James registers
     * every group listener, the push listener included, on the mailbox bus, so a separate JMAP bus would never reach
     * Web Push. This is the one binding to change for another bus.
     */
    public static final Module JMAP_EVENT_BUS = binder -> {
        binder.bind(EventBus.class).annotatedWith(Names.named(InjectionKeys.JMAP)).to(SyncStoreEventBus.class);
        Multibinder.newSetBinder(binder, EventListener.ReactiveGroupEventListener.class).addBinding().to(SyncStorePushListener.class);
    };

    /**
     * James's JMAP module also chooses the mailet container's default processors and the dequeue decorator of the
     * mail queues; SyncStore's container (SyncStoreJamesServerMain.CONTAINER) already chooses both.
     */
    private static final Set<Key<?>> CHOSEN_BY_THE_CONTAINER = Set.of(
        Key.get(MailetContainerModule.DefaultProcessorsConfigurationSupplier.class),
        Key.get(MailQueueItemDecoratorFactory.class));

    /**
     * Bound below: SyncStore's listener, the signing key read from the listeners' keystore by default, and Web Push
     * delivery that retries and drops dead subscriptions.
     */
    private static final Set<Key<?>> CHOSEN_HERE = Set.of(
        Key.get(JMAPServer.class),
        Key.get(JMAPDraftConfiguration.class),
        Key.get(WebPushClient.class));

    @Override
    protected void configure() {
        install(withoutBindingsOf(new JMAPServerModule(), Sets.union(CHOSEN_BY_THE_CONTAINER, CHOSEN_HERE)));
        bind(JMAPServer.class).to(SyncStoreJmapServer.class);
        bind(SyncStoreJmapServer.class).in(Scopes.SINGLETON);
        bind(WebPushClient.class).to(SyncStoreWebPushClient.class);
        bind(SyncStoreWebPushClient.class).in(Scopes.SINGLETON);
        // James's JMAPListenerModule, less its commits: a message write saves its own JMAP change rows, and the change
        // listener (JmapChangeListener) pushes them, saving only the changes of mailboxes and of events it finds no rows
        // for; its ComputeMessageFastViewProjectionListener, which parsed every new message again to store its
        // preview, is left out: James's Email/get computes and stores a preview it lacks.
        Multibinder.newSetBinder(binder(), EventListener.GroupEventListener.class).addBinding().to(PropagateLookupRightListener.class);
        Multibinder.newSetBinder(binder(), EventListener.ReactiveGroupEventListener.class).addBinding().to(JmapChangeListener.class);
        // Keeps the durable email query view while it is read; James's memory server has no such listener.
        Multibinder.newSetBinder(binder(), EventListener.ReactiveGroupEventListener.class).addBinding().to(EmailQueryViewUpkeep.class);
        install(JMAP_EVENT_BUS);
        install(new SyncStoreJmapDataModule());
    }

    /** A view read from now on, but not kept while it was not read, is brought up to date before JMAP answers. */
    @ProvidesIntoSet
    InitializationOperation catchUpEmailQueryView(JMAPConfiguration configuration, SyncStoreEmailQueryView view) {
        return InitilizationOperationBuilder.forClass(EmailQueryViewUpkeep.class)
            .init(() -> {
                if (configuration.isEmailQueryViewEnabled()) {
                    view.catchUp().block();
                }
            });
    }

    /**
     * James's draft JMAP signs its tokens with the key {@code james} of {@code tls.keystoreURL} and does not start
     * without it; by default that is the listeners' keystore (created first, by {@link SelfSignedKeystores}) and its
     * secret the one kept beside it.
     */
    @Provides
    @Singleton
    JMAPDraftConfiguration draftConfiguration(PropertiesProvider propertiesProvider, FileSystem fileSystem,
                                              SelfSignedKeystores keystoresCreatedFirst) throws ConfigurationException {
        Configuration jmap;
        try {
            jmap = propertiesProvider.getConfiguration("jmap");
        } catch (FileNotFoundException e) {
            return JMAPDraftConfiguration.builder().disable().build();
        }
        boolean enabled = jmap.getBoolean("enabled", true);
        String privateKey = jmap.getString("tls.privateKey", null);
        String keystore = jmap.getString("tls.keystoreURL", DEFAULT_SIGNING_KEYSTORE);
        if (enabled && privateKey == null) {
            requireExisting(fileSystem, keystore);
        }
        return JMAPDraftConfiguration.builder()
            .enabled(enabled)
            .keystore(keystore)
            .privateKey(privateKey)
            .certificates(jmap.getString("tls.certificates", null))
            .keystoreType(jmap.getString("tls.keystoreType", "PKCS12"))
            .secret(Optional.ofNullable(jmap.getString("tls.secret", null))
                .or(() -> KeystoreSecrets.besideKeystore(fileSystem, JmapListener.FILE, keystore))
                .orElse(null))
            .jwtPublicKeyPem(publicKeys(fileSystem, jmap.getStringArray("jwt.publickeypem.url")))
            .authenticationStrategies(Optional.ofNullable(jmap.getList(String.class, "authentication.strategy.draft", null)))
            .build();
    }

    private static void requireExisting(FileSystem fileSystem, String keystore) {
        try {
            if (!fileSystem.getFile(keystore).exists()) {
                throw new ConfigurationError(JmapListener.FILE, "tls.keystoreURL", "'" + keystore + "' does not exist (the server creates it"
                    + " only for a listener with TLS); JMAP signs its draft tokens with its key 'james'");
            }
        } catch (FileNotFoundException e) {
            throw new ConfigurationError(JmapListener.FILE, "tls.keystoreURL", "'" + keystore + "' cannot be located: " + e.getMessage(), e);
        }
    }

    private static List<String> publicKeys(FileSystem fileSystem, String[] urls) {
        List<String> keys = new ArrayList<>();
        for (String url : urls) {
            try {
                keys.add(Files.readString(fileSystem.getFile(url).toPath(), StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new ConfigurationError(JmapListener.FILE, "jwt.publickeypem.url", "cannot read '" + url + "': " + e.getMessage(), e);
            }
        }
        return keys;
    }

    private static Module withoutBindingsOf(Module module, Set<Key<?>> keys) {
        List<Element> kept = Elements.getElements(module).stream()
            .filter(element -> !(element instanceof Binding && keys.contains(((Binding<?>) element).getKey())))
            .collect(Collectors.toList());
        return Elements.getModule(kept);
    }
}
