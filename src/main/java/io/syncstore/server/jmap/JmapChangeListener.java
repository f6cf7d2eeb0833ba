package io.syncstore.server.jmap;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.inject.Named;
import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventBusName;
import org.apache.james.events.Event.EventId;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.events.Registration;
import org.apache.james.events.RegistrationKey;
import org.apache.james.jmap.InjectionKeys;
import org.apache.james.jmap.api.change.EmailChange;
import org.apache.james.jmap.api.change.EmailChangeRepository;
import org.apache.james.jmap.api.change.EmailChanges;
import org.apache.james.jmap.api.change.Limit;
import org.apache.james.jmap.api.change.MailboxAndEmailChange;
import org.apache.james.jmap.api.change.MailboxChange;
import org.apache.james.jmap.api.change.MailboxChangeRepository;
import org.apache.james.jmap.api.change.MailboxChanges;
import org.apache.james.jmap.api.change.State;
import org.apache.james.jmap.api.model.AccountId;
import org.apache.james.jmap.api.model.TypeName;
import org.apache.james.jmap.change.AccountIdRegistrationKey;
import org.apache.james.jmap.change.EmailDeliveryTypeName$;
import org.apache.james.jmap.change.EmailTypeName$;
import org.apache.james.jmap.change.MailboxChangeListener;
import org.apache.james.jmap.change.MailboxChangeListenerGroup;
import org.apache.james.jmap.change.MailboxTypeName$;
import org.apache.james.jmap.change.StateChangeEvent;
import org.apache.james.jmap.core.UuidState;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MessageIdManager;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.events.MailboxEvents.Added;
import org.apache.james.mailbox.events.MailboxEvents.FlagsUpdated;
import org.apache.james.mailbox.events.MailboxEvents.MailboxEvent;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.reactivestreams.Publisher;

import io.syncstore.backend.jmap.JmapChangeStates;
import io.syncstore.backend.jmap.SyncStoreJmapChanges;
import io.syncstore.backend.model.SyncStoreMailboxId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import scala.jdk.javaapi.CollectionConverters;

/**
 * James's {@link MailboxChangeListener} (JMAP's change log and state changes for every mailbox event). The changes of
 * a message write (added, flagged, expunged) are saved by the write itself, in its transaction
 * ({@code JmapChangeRows}): here the accounts they were saved for are found, in one read, and told the write's state,
 * of the types James's listener tells for that event. Other events' changes are saved here, all of an event in one
 * write (James saves the mailbox change and the email change apart, a commit each), by a James listener of their own
 * whose repositories and bus only record; the state changes are dispatched in order once the changes are committed, as
 * James dispatches each once it is saved.
 */
public class JmapChangeListener implements EventListener.ReactiveGroupEventListener {
    private static final Group GROUP = new MailboxChangeListenerGroup();

    private final EventBus jmapBus;
    private final SyncStoreJmapChanges changes;
    private final MailboxChangeRepository mailboxChanges;
    private final EmailChangeRepository emailChanges;
    private final MailboxChange.Factory mailboxChangeFactory;
    private final MailboxAndEmailChange.Factory mailboxAndEmailChangeFactory;
    private final MessageIdManager messageIdManager;
    private final SessionProvider sessionProvider;
    private final MailboxManager mailboxManager;
    private final Clock clock;

    @Inject
    JmapChangeListener(@Named(InjectionKeys.JMAP) EventBus jmapBus, SyncStoreJmapChanges changes,
                       MailboxChangeRepository mailboxChanges, EmailChangeRepository emailChanges,
                       MailboxChange.Factory mailboxChangeFactory, MailboxAndEmailChange.Factory mailboxAndEmailChangeFactory,
                       MessageIdManager messageIdManager, SessionProvider sessionProvider, MailboxManager mailboxManager, Clock clock) {
        this.jmapBus = jmapBus;
        this.changes = changes;
        this.mailboxChanges = mailboxChanges;
        this.emailChanges = emailChanges;
        this.mailboxChangeFactory = mailboxChangeFactory;
        this.mailboxAndEmailChangeFactory = mailboxAndEmailChangeFactory;
        this.messageIdManager = messageIdManager;
        this.sessionProvider = sessionProvider;
        this.mailboxManager = mailboxManager;
        this.clock = clock;
    }

    /** James's group, so that events left in the dead letters by an earlier version are still redelivered here. */
    @Override
    public Group getDefaultGroup() {
        return GROUP;
    }

    /** As James's listener, in its (the default, synchronous) execution mode. */
    @Override
    public boolean isHandling(Event event) {
        return event instanceof MailboxEvent;
    }

    /**
     * A message write's changes, saved under the state {@link JmapChangeStates} names from its event, are counted for
     * pruning and pushed to the accounts they were saved for. The changes of other events (mailboxes created, renamed,
     * deleted, their ACLs, subscriptions) are saved here, as are those of a message write whose owner has no row of
     * its state (an event delivered again after its rows were pruned, or left in the dead letters by an earlier
     * version). A failed read fails the event, which the bus then delivers again.
     */
    @Override
    public Publisher<Void> reactiveEvent(Event event) {
        MailboxEvent mailboxEvent = (MailboxEvent) event;
        if (changesNoFlag(mailboxEvent)) {
            return Mono.empty();
        }
        Optional<State> writeState = JmapChangeStates.of(event);
        Username owner = mailboxEvent.getMailboxPath().getUser();
        if (writeState.isEmpty() || owner == null) {
            return savedHere(mailboxEvent, writeState);
        }
        return changes.storedFor((SyncStoreMailboxId) mailboxEvent.getMailboxId(), owner, writeState.get())
            .flatMap(accounts -> accounts.contains(owner)
                ? pushed(mailboxEvent, writeState.get(), owner, accounts)
                : savedHere(mailboxEvent, writeState));
    }

    /**
     * A STORE of flags the messages already had: James's listener records an email change for it (a new state,
     * "updated" messages that did not change) and pushes it; nothing changed, so nothing is recorded or pushed here.
     */
    private static boolean changesNoFlag(MailboxEvent event) {
        return event instanceof FlagsUpdated
            && ((FlagsUpdated) event).getUpdatedFlags().stream().noneMatch(UpdatedFlags::flagsChanged);
    }

    private Mono<Void> pushed(MailboxEvent event, State state, Username owner, Set<Username> accounts) {
        Set<Username> ownerFirst = new LinkedHashSet<>();
        ownerFirst.add(owner);
        ownerFirst.addAll(accounts);
        Set<AccountId> accountIds = accounts.stream().map(AccountId::fromUsername).collect(Collectors.toSet());
        boolean countsChanged = countsChanged(event);
        scala.collection.immutable.Map<TypeName, org.apache.james.jmap.api.model.State> types = pushedTypes(event, state, countsChanged);
        return changes.countStored(countsChanged ? accountIds : Set.of(), accountIds)
            .thenMany(Flux.fromIterable(ownerFirst)
                .concatMap(user -> jmapBus.dispatch(StateChangeEvent.apply(EventId.random(), user, types),
                    Set.of(AccountIdRegistrationKey.of(user)))))
            .then();
    }

    /**
     * The write saved a change of the mailbox's counts with its email change when messages were added or expunged, or
     * \Seen changed ({@code JmapChangeRows}), as James's listener saves one.
     */
    private static boolean countsChanged(MailboxEvent event) {
        if (event instanceof FlagsUpdated) {
            return ((FlagsUpdated) event).getUpdatedFlags().stream().anyMatch(flags -> flags.isChanged(Flags.Flag.SEEN));
        }
        return true;
    }

    /**
     * What James's listener tells of a message write's changes: the email state, the mailbox state with a count
     * change, and the email delivery state for messages delivered (not appended by a client), all one state here.
     */
    private static scala.collection.immutable.Map<TypeName, org.apache.james.jmap.api.model.State> pushedTypes(
            MailboxEvent event, State state, boolean countsChanged) {
        UuidState pushed = UuidState.fromJava(state);
        Map<TypeName, org.apache.james.jmap.api.model.State> types = new LinkedHashMap<>();
        types.put(EmailTypeName$.MODULE$, pushed);
        if (countsChanged) {
            types.put(MailboxTypeName$.MODULE$, pushed);
        }
        if (event instanceof Added && ((Added) event).isDelivery()) {
            types.put(EmailDeliveryTypeName$.MODULE$, pushed);
        }
        return scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(types));
    }

    private Mono<Void> savedHere(MailboxEvent event, Optional<State> writeState) {
        Recorder recorder = new Recorder(writeState);
        return Mono.from(recorder.listener().reactiveEvent(event))
            .then(Mono.defer(() -> changes.saveAll(recorder.mailboxChanges, recorder.emailChanges)))
            .thenMany(Flux.fromIterable(recorder.dispatches)
                .concatMap(dispatch -> jmapBus.dispatch(dispatch.event, dispatch.keys)))
            .then();
    }

    private static final class Dispatch {
        private final Event event;
        private final Set<RegistrationKey> keys;

        private Dispatch(Event event, Set<RegistrationKey> keys) {
            this.event = event;
            this.keys = keys;
        }
    }

    /** What James's listener saves and dispatches for one event, kept until it is written. */
    private final class Recorder {
        private final List<MailboxChange> mailboxChanges = new CopyOnWriteArrayList<>();
        private final List<EmailChange> emailChanges = new CopyOnWriteArrayList<>();
        private final List<Dispatch> dispatches = new CopyOnWriteArrayList<>();
        private final Optional<State> writeState;

        /** With the state of a message write, every change James's listener makes for its event has that state. */
        Recorder(Optional<State> writeState) {
            this.writeState = writeState;
        }

        MailboxChangeListener listener() {
            MailboxChange.Factory mailboxes = writeState
                .map(state -> new MailboxChange.Factory(() -> state))
                .orElse(mailboxChangeFactory);
            MailboxAndEmailChange.Factory mailboxesAndEmails = writeState
                .map(state -> new MailboxAndEmailChange.Factory(() -> state, messageIdManager, sessionProvider))
                .orElse(mailboxAndEmailChangeFactory);
            return new MailboxChangeListener(new RecordingBus(), new RecordingMailboxChanges(), mailboxes,
                new RecordingEmailChanges(), mailboxesAndEmails, mailboxManager, clock);
        }

        private final class RecordingBus implements EventBus {
            @Override
            public Mono<Void> dispatch(Event event, Set<RegistrationKey> keys) {
                return Mono.fromRunnable(() -> dispatches.add(new Dispatch(event, keys)));
            }

            @Override
            public Publisher<Registration> register(ReactiveEventListener listener, RegistrationKey key) {
                return jmapBus.register(listener, key);
            }

            @Override
            public Registration register(ReactiveEventListener listener, Group group) {
                return jmapBus.register(listener, group);
            }

            @Override
            public Mono<Void> reDeliver(Group group, Event event) {
                return jmapBus.reDeliver(group, event);
            }

            @Override
            public EventBusName eventBusName() {
                return jmapBus.eventBusName();
            }
        }

        private final class RecordingMailboxChanges implements MailboxChangeRepository {
            @Override
            public Mono<Void> save(MailboxChange change) {
                return Mono.fromRunnable(() -> mailboxChanges.add(change));
            }

            @Override
            public Mono<MailboxChanges> getSinceState(AccountId accountId, State state, Optional<Limit> maxChanges) {
                return JmapChangeListener.this.mailboxChanges.getSinceState(accountId, state, maxChanges);
            }

            @Override
            public Mono<MailboxChanges> getSinceStateWithDelegation(AccountId accountId, State state, Optional<Limit> maxChanges) {
                return JmapChangeListener.this.mailboxChanges.getSinceStateWithDelegation(accountId, state, maxChanges);
            }

            @Override
            public Mono<State> getLatestState(AccountId accountId) {
                return JmapChangeListener.this.mailboxChanges.getLatestState(accountId);
            }

            @Override
            public Mono<State> getLatestStateWithDelegation(AccountId accountId) {
                return JmapChangeListener.this.mailboxChanges.getLatestStateWithDelegation(accountId);
            }
        }

        private final class RecordingEmailChanges implements EmailChangeRepository {
            @Override
            public Mono<Void> save(EmailChange change) {
                return Mono.fromRunnable(() -> emailChanges.add(change));
            }

            @Override
            public Mono<EmailChanges> getSinceState(AccountId accountId, State state, Optional<Limit> maxChanges) {
                return JmapChangeListener.this.emailChanges.getSinceState(accountId, state, maxChanges);
            }

            @Override
            public Mono<EmailChanges> getSinceStateWithDelegation(AccountId accountId, State state, Optional<Limit> maxChanges) {
                return JmapChangeListener.this.emailChanges.getSinceStateWithDelegation(accountId, state, maxChanges);
            }

            @Override
            public Mono<State> getLatestState(AccountId accountId) {
                return JmapChangeListener.this.emailChanges.getLatestState(accountId);
            }

            @Override
            public Mono<State> getLatestStateWithDelegation(AccountId accountId) {
                return JmapChangeListener.this.emailChanges.getLatestStateWithDelegation(accountId);
            }
        }
    }
}
