package io.syncstore.imap.notify;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.events.Registration;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.mailbox.events.MailboxEvents;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.annotations.VisibleForTesting;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.syncstore.api.NodeLocalGroup;
import io.syncstore.imap.channel.EventLoopHandOver;
import io.syncstore.imap.channel.EventLoopResponder;
import io.syncstore.imap.channel.NettySessions;
import io.syncstore.imap.mode.ModalResponse;
import io.syncstore.imap.selected.ViewResponder;
import reactor.core.publisher.Mono;

/**
 * Routes mailbox events to the NOTIFY sessions of this node.
 *
 * <p>One group listener per node sees every mailbox event (James dispatches mailbox creations keyed by the new
 * mailbox only, so no per-mailbox key can announce them). It is a {@link NodeLocalGroup}: on the distributed
 * (RabbitMQ) event bus every node hears every event, which is what per-connection notifications need (a James group
 * would hear each event on one node only). In-VM there is one node. Routing is a map lookup by mailbox owner; sessions that
 * watch other users' mailboxes are looked at for every event.</p>
 *
 * <p>No registration is made per connection: a connection's state lives in its {@link NotifySession}, dropped when
 * the channel closes, on LOGOUT and on NOTIFY NONE.</p>
 */
@Singleton
public class NotifyRegistry {
    private static final Logger LOGGER = LoggerFactory.getLogger(NotifyRegistry.class);
    public static final String NODE_PROPERTY = "syncstore.notify.node";

    private final StatusSnapshots statusSnapshots = new StatusSnapshots();
    private final EventBus eventBus;
    private final Provider<ImapEncoder> encoder;
    private final Set<NotifySession> active = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Username, Set<NotifySession>> byUser = new ConcurrentHashMap<>();
    private final Set<NotifySession> watchingOthers = ConcurrentHashMap.newKeySet();
    private final Set<NotifySession> known = ConcurrentHashMap.newKeySet();
    private final EventLoopHandOver handOver = new EventLoopHandOver();
    private volatile Registration registration;

    @Inject
    public NotifyRegistry(EventBus eventBus, Provider<ImapEncoder> encoder) {
        this.eventBus = eventBus;
        this.encoder = encoder;
    }

    public static Group group() {
        return NodeLocalGroup.named("syncstore-imap-notify-" + nodeName());
    }

    private static String nodeName() {
        String configured = System.getProperty(NODE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "node";
        }
    }

    /** The per-connection state, created on first use (every command goes through the gate it holds). */
    public NotifySession sessionOf(ImapSession imapSession) {
        Object existing = imapSession.getAttribute(NotifySession.ATTRIBUTE);
        if (existing instanceof NotifySession) {
            return (NotifySession) existing;
        }
        Optional<Channel> channel = NettySessions.channel(imapSession);
        NotifySession created = new NotifySession(imapSession, channel, this);
        imapSession.setAttribute(NotifySession.ATTRIBUTE, created);
        return created;
    }

    /** A connection's drain, handed to its event loop with those of the loop's other connections; false if dropped. */
    boolean handOver(EventLoop loop, Runnable drain) {
        return handOver.handOver(loop, drain);
    }

    /** What a connection is told outside of its commands, written on its channel (null without one). */
    ImapProcessor.Responder responderFor(NotifySession session) {
        return session.channel()
            .map(channel -> (ImapProcessor.Responder) ViewResponder.between(
                EventLoopResponder.of(ModalResponse.responder(new ChannelResponder(channel, encoder.get()), session.getImapSession()),
                    session.getImapSession()), session.getImapSession()))
            .orElse(null);
    }

    /** Called by NOTIFY SET once the spec is installed. */
    void activate(NotifySession session) {
        ensureListening();
        // made now, off the event loop: made in the first drain, a NOTIFICATIONOVERFLOW came seconds late
        session.responder();
        if (known.add(session)) {
            session.channel().ifPresent(channel -> channel.closeFuture().addListener(future -> forget(session)));
        }
        active.add(session);
        Username user = session.user();
        byUser.computeIfAbsent(user, any -> ConcurrentHashMap.newKeySet()).add(session);
        if (session.watchesOtherUsers()) {
            watchingOthers.add(session);
        } else {
            watchingOthers.remove(session);
        }
    }

    void deactivate(NotifySession session) {
        active.remove(session);
        watchingOthers.remove(session);
        Username user = session.getImapSession().getUserName();
        if (user != null) {
            byUser.computeIfPresent(user, (key, sessions) -> {
                sessions.remove(session);
                return sessions.isEmpty() ? null : sessions;
            });
        } else {
            byUser.values().forEach(sessions -> sessions.remove(session));
            byUser.entrySet().removeIf(entry -> entry.getValue().isEmpty());
        }
    }

    /** The connection is gone. */
    public void forget(NotifySession session) {
        session.close();
        deactivate(session);
        known.remove(session);
    }

    private synchronized void ensureListening() {
        if (registration == null) {
            Group group = group();
            registration = eventBus.register(new Listener(), group);
            LOGGER.info("IMAP NOTIFY listens to mailbox events as group {}", group.asString());
        }
    }

    private void route(Event event) {
        if (!(event instanceof MailboxEvents.MailboxEvent)) {
            return;
        }
        MailboxEvents.MailboxEvent mailboxEvent = (MailboxEvents.MailboxEvent) event;
        statusSnapshots.changed(mailboxEvent.getMailboxId());
        Set<NotifySession> owners = byUser.get(mailboxEvent.getMailboxPath().getUser());
        if (owners != null) {
            owners.forEach(session -> deliver(session, event));
        }
        if (!mailboxEvent.getUsername().equals(mailboxEvent.getMailboxPath().getUser())) {
            // subscription events carry the subscriber, who may not own the mailbox
            Set<NotifySession> actors = byUser.get(mailboxEvent.getUsername());
            if (actors != null && (event instanceof MailboxEvents.MailboxSubscribedEvent || event instanceof MailboxEvents.MailboxUnsubscribedEvent)) {
                actors.forEach(session -> deliver(session, event));
            }
        }
        for (NotifySession session : watchingOthers) {
            if (owners == null || !owners.contains(session)) {
                deliver(session, event);
            }
        }
    }

    private void deliver(NotifySession session, Event event) {
        try {
            if (session.isClosed()) {
                forget(session);
                return;
            }
            session.onEvent(event);
        } catch (RuntimeException e) {
            LOGGER.warn("NOTIFY routing failed for {}", session, e);
        }
    }

    StatusSnapshots statusSnapshots() {
        return statusSnapshots;
    }

    @VisibleForTesting
    public int activeSessionCount() {
        return active.size();
    }

    @VisibleForTesting
    public int knownSessionCount() {
        return known.size();
    }

    @VisibleForTesting
    public int indexedUserCount() {
        return byUser.size();
    }

    @VisibleForTesting
    public int busRegistrationCount() {
        return registration == null ? 0 : 1;
    }

    private class Listener implements EventListener.ReactiveEventListener {
        @Override
        public boolean isHandling(Event event) {
            return event instanceof MailboxEvents.MailboxEvent;
        }

        @Override
        public Publisher<Void> reactiveEvent(Event event) {
            return Mono.fromRunnable(() -> route(event));
        }

        @Override
        public ExecutionMode getExecutionMode() {
            return ExecutionMode.SYNCHRONOUS;
        }
    }
}
