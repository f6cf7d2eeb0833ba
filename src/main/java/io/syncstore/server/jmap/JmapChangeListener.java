package io.syncstore.server.jmap;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.inject.Named;

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
import org.apache.james.jmap.change.AccountIdRegistrationKey;
import org.apache.james.jmap.change.MailboxChangeListener;
import org.apache.james.jmap.change.MailboxChangeListenerGroup;
import org.apache.james.jmap.change.StateChangeEvent;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageIdManager;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.events.MailboxEvents.MailboxEvent;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxId;
import org.reactivestreams.Publisher;

import io.syncstore.backend.jmap.JmapChangeStates;
import io.syncstore.backend.jmap.SyncStoreJmapChanges;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's {@link MailboxChangeListener} (JMAP's change log and state changes for every mailbox event). The changes of
 * a message write (added, flagged, expunged) are saved by the write itself, in its transaction
 * ({@code JmapChangeRows}): here they are only found and pushed. Other events' changes are saved here, all of an
 * event in one write (James saves the mailbox change and the email change apart, a commit each). Each event is given
 * to a James listener of its own whose repositories and bus only record; the state changes are dispatched in order
 * once the changes are committed, as James dispatches each once it is saved.
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

    @Override
    public ExecutionMode getExecutionMode() {
        return new Recorder(Optional.empty()).listener().getExecutionMode();
    }

    @Override
    public boolean isHandling(Event event) {
        return new Recorder(Optional.empty()).listener().isHandling(event);
    }

    /**
     * The changes of a message write were saved by the write itself, under the state {@link JmapChangeStates} names
     * from its event: they are only counted for pruning, and that state is pushed to the accounts the rows are for.
     * The changes of other events (mailboxes created, renamed, deleted, their ACLs, subscriptions) are saved here, as
     * are those of a message write whose rows are not found (an event left in the dead letters by an earlier version).
     */
    @Override
    public Publisher<Void> reactiveEvent(Event event) {
        Optional<State> writeState = JmapChangeStates.of(event);
        Recorder recorder = new Recorder(writeState);
        return Mono.from(recorder.listener().reactiveEvent(event))
            .then(Mono.defer(() -> savedByTheWrite(event, writeState)))
            .flatMap(saved -> saved
                ? pushedToTheWritesAccounts((MailboxEvent) event, recorder)
                : changes.saveAll(recorder.mailboxChanges, recorder.emailChanges).thenReturn(recorder.dispatches))
            .flatMap(dispatches -> Flux.fromIterable(dispatches)
                .concatMap(dispatch -> jmapBus.dispatch(dispatch.event, dispatch.keys))
                .then());
    }

    /**
     * James gives a write's changes to the user who made it and to the sharees that user's session can see (all of
     * them only with the administer right); the write saved them for the mailbox's owner and every user its ACL grants
     * a right ({@code JmapChangeRows}). Those are the accounts told and counted, the ACL read as its owner sees it.
     */
    private Mono<List<Dispatch>> pushedToTheWritesAccounts(MailboxEvent event, Recorder recorder) {
        return writesAccounts(event, recorder).flatMap(users -> {
            Set<AccountId> accounts = users.stream().map(AccountId::fromUsername).collect(Collectors.toSet());
            List<Dispatch> dispatches = recorder.dispatches.stream()
                .map(dispatch -> (StateChangeEvent) dispatch.event)
                .max(Comparator.comparingInt(stateChange -> stateChange.map().size()))
                .map(states -> users.stream()
                    .map(user -> new Dispatch(StateChangeEvent.apply(EventId.random(), user, states.map()),
                        Set.of(AccountIdRegistrationKey.of(user))))
                    .collect(Collectors.toList()))
                .orElse(List.of());
            return changes.countStored(recorder.mailboxChanges.isEmpty() ? Set.of() : accounts,
                    recorder.emailChanges.isEmpty() ? Set.of() : accounts)
                .thenReturn(dispatches);
        });
    }

    /**
     * The mailbox's owner, then every other user its ACL grants a right. When the owner made the change, James's
     * listener has just read that ACL as the owner sees it, and given a change to each of those users: they are taken
     * from its changes instead of read again.
     */
    private Mono<Set<Username>> writesAccounts(MailboxEvent event, Recorder recorder) {
        Username owner = ownerOf(event);
        Set<Username> users = new LinkedHashSet<>();
        users.add(owner);
        if (owner.equals(event.getUsername())) {
            recorder.dispatches.forEach(dispatch -> users.add(dispatch.event.getUsername()));
            return Mono.just(users);
        }
        return sharees(event.getMailboxId(), owner).map(sharees -> {
            users.addAll(sharees);
            return users;
        });
    }

    /** Every user with a positive entry in the mailbox's ACL but its owner; none if the mailbox is gone. */
    private Mono<List<Username>> sharees(MailboxId mailboxId, Username owner) {
        MailboxSession ownerSession = sessionProvider.createSystemSession(owner);
        return Mono.from(mailboxManager.getMailboxReactive(mailboxId, ownerSession))
            .flatMap(mailbox -> Mono.fromCallable(() -> mailbox.getResolvedAcl(ownerSession)))
            .map(acl -> acl.getEntries().keySet().stream()
                .filter(key -> !key.isNegative() && key.getNameType() == MailboxACL.NameType.user)
                .map(key -> Username.of(key.getName()))
                .filter(user -> !user.equals(owner))
                .collect(Collectors.toList()))
            .onErrorResume(MailboxException.class, gone -> Mono.just(List.of()))
            .defaultIfEmpty(List.of());
    }

    private static Username ownerOf(Event event) {
        return ((MailboxEvent) event).getMailboxPath().getUser();
    }

    private Mono<Boolean> savedByTheWrite(Event event, Optional<State> writeState) {
        Username owner = ownerOf(event);
        if (writeState.isEmpty() || owner == null) {
            return Mono.just(false);
        }
        return changes.stored(AccountId.fromUsername(owner), writeState.get());
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
