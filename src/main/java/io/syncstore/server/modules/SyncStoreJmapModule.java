package io.syncstore.server.modules;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.jmap.draft.JMAPListenerModule;
import org.apache.james.modules.protocols.JMAPServerModule;
import org.apache.james.modules.protocols.JmapEventBusModule;
import org.apache.james.modules.server.MailetContainerModule;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;

/**
 * James's JMAP (RFC 8620/8621) server, its listeners (changes, fast views), and its repositories in the SyncStore
 * database. Configured by {@code jmap.properties}.
 */
public class SyncStoreJmapModule extends AbstractModule {
    /**
     * The bus of JMAP state changes (EventSource, WebSocket and Web Push subscribers listen on it): James's in-VM
     * bus, as the memory server binds it. This is the one line to change for another bus.
     */
    public static final Module JMAP_EVENT_BUS = new JmapEventBusModule();

    /**
     * James's JMAP module also chooses the mailet container's default processors and the dequeue decorator of the
     * mail queues; SyncStore's container (SyncStoreJamesServerMain.CONTAINER) already chooses both.
     */
    private static final Set<Key<?>> CHOSEN_BY_THE_CONTAINER = Set.of(
        Key.get(MailetContainerModule.DefaultProcessorsConfigurationSupplier.class),
        Key.get(MailQueueItemDecoratorFactory.class));

    @Override
    protected void configure() {
        install(withoutBindingsOf(new JMAPServerModule(), CHOSEN_BY_THE_CONTAINER));
        install(new JMAPListenerModule());
        install(JMAP_EVENT_BUS);
        install(new SyncStoreJmapDataModule());
    }

    private static Module withoutBindingsOf(Module module, Set<Key<?>> keys) {
        List<Element> kept = Elements.getElements(module).stream()
            .filter(element -> !(element instanceof Binding && keys.contains(((Binding<?>) element).getKey())))
            .collect(Collectors.toList());
        return Elements.getModule(kept);
    }
}
