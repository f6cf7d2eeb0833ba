package io.syncstore.imap.notify;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.message.response.MailboxStatusResponse;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.Channel;
import io.syncstore.imap.channel.SessionGate;
import io.syncstore.imap.selected.SelectedState;
import io.syncstore.imap.selected.Telling;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * NOTIFY state of one IMAP connection: the active {@link NotifySpec}, the bounded queue of notifications that wait for
 * the connection to be between commands, and the drain that writes them.
 */
public final class NotifySession {
    private static final Logger LOGGER = LoggerFactory.getLogger(NotifySession.class);
    static final String ATTRIBUTE = NotifySession.class.getName();
    static final String OTHER_USERS_NAMESPACE = "#user";

    private enum ListKind { CREATED, DELETED, RENAMED, SUBSCRIBED, UNSUBSCRIBED }

    private static final class PendingList {
        private final ListKind kind;
        private final MailboxId mailboxId;
        private final MailboxPath path;
        private final Optional<MailboxPath> oldPath;

        private PendingList(ListKind kind, MailboxId mailboxId, MailboxPath path, Optional<MailboxPath> oldPath) {
            this.kind = kind;
            this.mailboxId = mailboxId;
            this.path = path;
            this.oldPath = oldPath;
        }
    }

    private final ImapSession imapSession;
    private final Optional<Channel> channel;
    private final SessionGate gate = new SessionGate();
    private final NotifyRegistry registry;

    private volatile NotifySpec spec = NotifySpec.NONE;
    private volatile NotifyProcessor processor;
    private volatile ImapProcessor.Responder responder;
    private volatile boolean idling;
    private volatile boolean selectedDirty;
    private volatile SelectedMailbox hooked;
    private volatile boolean closed;

    private final Object queueLock = new Object();
    private final Map<MailboxId, MailboxPath> pendingStatus = new LinkedHashMap<>();
    private final Deque<PendingList> pendingLists = new ArrayDeque<>();
    private boolean overflowPending;

    private final AtomicBoolean drainQueued = new AtomicBoolean(false);
    private final Set<MailboxPath> subscriptions = ConcurrentHashMap.newKeySet();
    private final Map<MailboxId, Boolean> foreignVisibility = new ConcurrentHashMap<>();
    /** The last STATUS sent per mailbox: a change that leaves it the same (\Flagged without CONDSTORE) tells nothing. */
    private final Map<MailboxId, String> lastStatus = new ConcurrentHashMap<>();
    private final EventListener.ReactiveEventListener selectedHook = new SelectedHook();
    private final Runnable drainOnLoop = this::drainOnLoop;
    private final BooleanSupplier drainSelectedAtOnce = this::drainSelectedAtOnce;

    NotifySession(ImapSession imapSession, Optional<Channel> channel, NotifyRegistry registry) {
        this.imapSession = imapSession;
        this.channel = channel;
        this.registry = registry;
    }

    public ImapSession getImapSession() {
        return imapSession;
    }

    public SessionGate gate() {
        return gate;
    }

    Optional<Channel> channel() {
        return channel;
    }

    public NotifySpec getSpec() {
        return spec;
    }

    public boolean isActive() {
        return !spec.isNone() && !closed;
    }

    boolean isIdling() {
        return idling;
    }

    /** IDLE started or ended: while idling, the selected mailbox's changes are told at once. */
    public void setIdling(boolean idling) {
        this.idling = idling;
        if (idling) {
            selectedDirty = true;
        }
        rehookSelected(false);
    }

    /** Writes outside of commands, on the channel; created on first use (IDLE or NOTIFY). */
    public synchronized ImapProcessor.Responder responder() {
        if (responder == null) {
            responder = registry.responderFor(this);
        }
        return responder;
    }

    Username user() {
        return imapSession.getUserName();
    }

    MailboxSession mailboxSession() {
        return imapSession.getMailboxSession();
    }

    char delimiter() {
        MailboxSession mailboxSession = mailboxSession();
        return mailboxSession == null ? '.' : mailboxSession.getPathDelimiter();
    }

    boolean watchesOtherUsers() {
        String prefix = OTHER_USERS_NAMESPACE + delimiter();
        return spec.getGroups().stream()
            .flatMap(group -> group.getFilter().getMailboxes().stream())
            .anyMatch(name -> name.startsWith(prefix));
    }

    // ---------------------------------------------------------------- activation

    /** Installs a new spec (SET replaces; NONE empties). Pending notifications of the previous spec are dropped. */
    void install(NotifySpec newSpec, NotifyProcessor processor, List<MailboxPath> currentSubscriptions) {
        synchronized (queueLock) {
            pendingStatus.clear();
            pendingLists.clear();
            overflowPending = false;
        }
        this.processor = processor;
        subscriptions.clear();
        subscriptions.addAll(currentSubscriptions);
        foreignVisibility.clear();
        this.spec = newSpec;
        rehookSelected(true);
    }

    void close() {
        closed = true;
        spec = NotifySpec.NONE;
        unhook();
        synchronized (queueLock) {
            pendingStatus.clear();
            pendingLists.clear();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** After every command: follows SELECT/EXAMINE/CLOSE so that the selected mailbox keeps being watched. */
    public void afterCommand() {
        rehookSelected(false);
        if ((isActive() || idling) && hasPending()) {
            requestDrain();
        }
    }

    private void rehookSelected(boolean force) {
        SelectedMailbox selected = imapSession.getSelected();
        boolean wantsSelected = idling || notifiesSelected();
        if (!wantsSelected) {
            unhook();
            return;
        }
        if (selected == null) {
            hooked = null;
            return;
        }
        if (selected != hooked || force) {
            selected.registerIdle(selectedHook);
            hooked = selected;
        }
    }

    /**
     * What a command may tell of the selected mailbox under NOTIFY: flag changes only if the selected group has
     * FlagChange (RFC 5465 §5.1), other connections' new and expunged messages only if there is a selected group
     * (RFC 5465 §6; docs/notify.md says why they are kept, not counted silently).
     */
    public Telling narrow(Telling telling) {
        if (!isActive()) {
            return telling;
        }
        boolean flagChanges = spec.selectedGroup().map(group -> group.has(NotifySpec.EventKind.FLAG_CHANGE)).orElse(false);
        return telling.withFlagChanges(flagChanges).withOthersMessages(notifiesSelected());
    }

    private boolean notifiesSelected() {
        return isActive() && spec.selectedGroup().map(g -> !g.isNone()).orElse(false);
    }

    private void unhook() {
        SelectedMailbox current = hooked;
        hooked = null;
        if (current != null && current == imapSession.getSelected()) {
            current.unregisterIdle();
        }
    }

    private class SelectedHook implements EventListener.ReactiveEventListener {
        /**
         * SelectedState calls this once it has recorded the event. Done as asked, not when subscribed to: all that is
         * done is handing the drain over, and an answer complete already costs the event bus no Reactor step.
         */
        @Override
        public Publisher<Void> reactiveEvent(Event event) {
            if (event instanceof MailboxEvents.Added || event instanceof MailboxEvents.Expunged
                || event instanceof MailboxEvents.FlagsUpdated) {
                selectedDirty = true;
                requestDrain();
            }
            return Mono.empty();
        }

        @Override
        public ExecutionMode getExecutionMode() {
            return ExecutionMode.ASYNCHRONOUS;
        }
    }

    // ---------------------------------------------------------------- matching (RFC 5465 §6)

    boolean isOwn(MailboxPath path) {
        return MailboxConstants.USER_NAMESPACE.equals(path.getNamespace()) && user().equals(path.getUser());
    }

    /** The name the client sees: relative for its own mailboxes, {@code #user.owner.name} for others'. */
    String displayName(MailboxPath path) {
        if (isOwn(path)) {
            return path.getName();
        }
        char delimiter = delimiter();
        return OTHER_USERS_NAMESPACE + delimiter + path.getUser().asString() + delimiter + path.getName();
    }

    private Optional<MailboxId> selectedId() {
        SelectedMailbox selected = imapSession.getSelected();
        return Optional.ofNullable(selected).map(SelectedMailbox::getMailboxId);
    }

    /** Groups are looked at in order; a matching NONE group stops the search (first match wins otherwise). */
    boolean matches(MailboxPath path, MailboxId mailboxId, NotifySpec.EventKind kind) {
        Optional<MailboxId> selectedId = selectedId();
        boolean isSelected = selectedId.isPresent() && selectedId.get().equals(mailboxId);
        for (NotifySpec.EventGroup group : spec.getGroups()) {
            NotifySpec.FilterKind filterKind = group.getFilter().getKind();
            if (filterKind.isSelected()) {
                if (!kind.isMessageEvent() || !isSelected) {
                    continue;
                }
                return group.has(kind);
            }
            if (kind.isMessageEvent() && isSelected) {
                continue;
            }
            if (!filterMatches(group.getFilter(), path)) {
                continue;
            }
            if (group.isNone()) {
                return false;
            }
            if (group.has(kind)) {
                return true;
            }
        }
        return false;
    }

    private boolean filterMatches(NotifySpec.Filter filter, MailboxPath path) {
        switch (filter.getKind()) {
            case PERSONAL:
                return isOwn(path);
            case INBOXES:
                return isOwn(path) && MailboxConstants.INBOX.equalsIgnoreCase(path.getName());
            case SUBSCRIBED:
                return subscriptions.contains(path);
            case SUBTREE: {
                String name = displayName(path);
                String delimiter = String.valueOf(delimiter());
                return filter.getMailboxes().stream()
                    .anyMatch(root -> name.equals(root) || name.startsWith(root + delimiter));
            }
            case MAILBOXES: {
                String name = displayName(path);
                return filter.getMailboxes().contains(name);
            }
            default:
                return false;
        }
    }

    // ---------------------------------------------------------------- events from the bus

    void onEvent(Event event) {
        if (!isActive() || !(event instanceof MailboxEvents.MailboxEvent)) {
            return;
        }
        MailboxEvents.MailboxEvent mailboxEvent = (MailboxEvents.MailboxEvent) event;
        MailboxSession mailboxSession = mailboxSession();
        if (mailboxSession == null) {
            return;
        }
        if (event instanceof MailboxEvents.MailboxACLUpdated) {
            foreignVisibility.remove(mailboxEvent.getMailboxId());
            return;
        }
        boolean ownChange = mailboxSession.getSessionId().equals(mailboxEvent.getSessionId());
        MailboxPath path = mailboxEvent.getMailboxPath();
        MailboxId id = mailboxEvent.getMailboxId();

        if (event instanceof MailboxEvents.MailboxSubscribedEvent || event instanceof MailboxEvents.MailboxUnsubscribedEvent) {
            if (!user().equals(mailboxEvent.getUsername())) {
                return;
            }
            boolean subscribed = event instanceof MailboxEvents.MailboxSubscribedEvent;
            if (subscribed) {
                subscriptions.add(path);
            } else {
                subscriptions.remove(path);
            }
            if (!ownChange && matches(path, id, NotifySpec.EventKind.SUBSCRIPTION_CHANGE)) {
                enqueue(new PendingList(subscribed ? ListKind.SUBSCRIBED : ListKind.UNSUBSCRIBED, id, path, Optional.empty()));
            }
            return;
        }
        if (ownChange) {
            return;
        }
        if (event instanceof MailboxEvents.MailboxAdded) {
            if (matches(path, id, NotifySpec.EventKind.MAILBOX_NAME)) {
                enqueue(new PendingList(ListKind.CREATED, id, path, Optional.empty()));
            }
        } else if (event instanceof MailboxEvents.MailboxDeletion) {
            if (matches(path, id, NotifySpec.EventKind.MAILBOX_NAME)) {
                enqueue(new PendingList(ListKind.DELETED, id, path, Optional.empty()));
            }
            synchronized (queueLock) {
                pendingStatus.remove(id);
            }
        } else if (event instanceof MailboxEvents.MailboxRenamed) {
            MailboxPath newPath = ((MailboxEvents.MailboxRenamed) event).getNewPath();
            if (matches(path, id, NotifySpec.EventKind.MAILBOX_NAME) || matches(newPath, id, NotifySpec.EventKind.MAILBOX_NAME)) {
                enqueue(new PendingList(ListKind.RENAMED, id, newPath, Optional.of(path)));
            }
        } else if (event instanceof MailboxEvents.Added) {
            statusIfMatches(path, id, NotifySpec.EventKind.MESSAGE_NEW);
        } else if (event instanceof MailboxEvents.Expunged) {
            statusIfMatches(path, id, NotifySpec.EventKind.MESSAGE_EXPUNGE);
        } else if (event instanceof MailboxEvents.FlagsUpdated) {
            boolean interesting = ((MailboxEvents.FlagsUpdated) event).getUpdatedFlags().stream()
                .anyMatch(NotifySession::changesMoreThanRecent);
            if (interesting) {
                statusIfMatches(path, id, NotifySpec.EventKind.FLAG_CHANGE);
            }
        }
    }

    private static boolean changesMoreThanRecent(UpdatedFlags updatedFlags) {
        return updatedFlags.modifiedSystemFlags().stream().anyMatch(flag -> flag != javax.mail.Flags.Flag.RECENT)
            || updatedFlags.userFlagIterator().hasNext();
    }

    private void statusIfMatches(MailboxPath path, MailboxId id, NotifySpec.EventKind kind) {
        Optional<MailboxId> selectedId = selectedId();
        if (selectedId.isPresent() && selectedId.get().equals(id)) {
            return;
        }
        if (matches(path, id, kind)) {
            boolean overflow;
            synchronized (queueLock) {
                pendingStatus.put(id, path);
                overflow = pendingCount() > maxPending();
            }
            afterEnqueue(overflow);
        }
    }

    private void enqueue(PendingList pendingList) {
        boolean overflow;
        synchronized (queueLock) {
            pendingLists.add(pendingList);
            overflow = pendingCount() > maxPending();
        }
        afterEnqueue(overflow);
    }

    private int maxPending() {
        NotifyProcessor current = processor;
        return current == null ? NotifyConfiguration.DEFAULT.getMaxPending() : current.configuration().getMaxPending();
    }

    private int pendingCount() {
        return pendingStatus.size() + pendingLists.size();
    }

    private boolean hasPending() {
        synchronized (queueLock) {
            return overflowPending || pendingCount() > 0 || selectedDirty;
        }
    }

    private void afterEnqueue(boolean overflow) {
        if (overflow) {
            overflow();
        }
        requestDrain();
    }

    /** RFC 5465 §5.8: too much to tell; say so once and behave as after NOTIFY NONE. */
    private void overflow() {
        LOGGER.info("NOTIFY overflow for session {}: more than {} pending notifications", imapSession.sessionId(), maxPending());
        synchronized (queueLock) {
            pendingStatus.clear();
            pendingLists.clear();
            overflowPending = true;
        }
        spec = NotifySpec.NONE;
        unhook();
        registry.deactivate(this);
    }

    // ---------------------------------------------------------------- delivery

    /**
     * Asks for a drain, which starts on the event loop: the thread asking (the event bus's, for each of a mailbox's
     * idling connections in turn) only hands it over, with the other connections of the same loop, and the loops
     * share the work.
     */
    public void requestDrain() {
        if (closed || !drainQueued.compareAndSet(false, true)) {
            return;
        }
        Optional<Channel> open = channel.filter(ch -> ch.isActive() || ch.isRegistered());
        if (open.isEmpty()) {
            drainInTurn();
            return;
        }
        if (!registry.handOver(open.get().eventLoop(), drainOnLoop)) {
            LOGGER.debug("Event loop shut down, drain dropped for session {}", imapSession.sessionId());
        }
    }

    private void drainOnLoop() {
        try {
            if (!gate.runIfFree(drainSelectedAtOnce)) {
                drainInTurn();
            }
        } catch (RuntimeException e) {
            LOGGER.warn("NOTIFY delivery failed for session {}", imapSession.sessionId(), e);
        }
    }

    private void drainInTurn() {
        gate.run(this::drain)
            .subscribe(any -> { }, e -> LOGGER.warn("NOTIFY delivery failed for session {}", imapSession.sessionId(), e));
    }

    /**
     * The whole drain, written before returning, when only the selected mailbox's changes are to be told and NOTIFY has
     * no part in them: the case of every idling connection, spared the reactive drain's cost (docs/benchmarks.md,
     * section 6). False, with nothing done, otherwise.
     */
    private boolean drainSelectedAtOnce() {
        if (notifiesSelected() || hasQueuedNotifications()) {
            return false;
        }
        drainQueued.set(false);
        ImapProcessor.Responder out = writableResponder();
        if (out != null) {
            SelectedState state = dirtySelected();
            if (state != null) {
                tellIdling(out, state);
            }
            out.flush();
        }
        if (hasQueuedNotifications()) {
            requestDrain();
        }
        return true;
    }

    private boolean hasQueuedNotifications() {
        synchronized (queueLock) {
            return overflowPending || pendingCount() > 0;
        }
    }

    /**
     * The responder, or null when there is no one to write to or the client does not read (looked at again later).
     * Null rather than empty, as {@link #dirtySelected}: both are asked once per connection told of a change, 1,000 times
     * per change with 1,000 idling connections, and their Optionals were a twentieth of what such a push allocated.
     */
    private ImapProcessor.Responder writableResponder() {
        if (closed || channel.isEmpty() || !channel.get().isActive()) {
            return null;
        }
        if (!channel.get().isWritable()) {
            NotifyProcessor proc = processor;
            imapSession.schedule(this::requestDrain, proc == null ? NotifyConfiguration.DEFAULT.getRetryUnwritable()
                : proc.configuration().getRetryUnwritable());
            return null;
        }
        return responder();
    }

    /**
     * Writing happens on the event loop, after what was queued before, between commands only (the gate). On the event
     * loop already, nothing is left to wait for: the responders write at once there, and a write made from another
     * thread is written by the next write or flush of its responder, which the holder of the gate makes last.
     */
    public Mono<Void> eventLoopBarrier() {
        return channel.<Mono<Void>>map(ch -> Mono.create(sink -> {
            if (!ch.isActive() && !ch.isRegistered() || ch.eventLoop().inEventLoop()) {
                sink.success();
                return;
            }
            ch.eventLoop().execute(sink::success);
        })).orElse(Mono.empty());
    }

    private Mono<Void> drain() {
        return eventLoopBarrier().then(Mono.defer(() -> {
            drainQueued.set(false);
            LOGGER.debug("drain for {} selectedDirty={}", imapSession.sessionId(), selectedDirty);
            NotifyProcessor proc = processor;
            // the client that does not read keeps everything queued (bounded) until it does
            ImapProcessor.Responder out = writableResponder();
            if (out == null) {
                return Mono.empty();
            }
            if (proc == null) {
                return Mono.defer(() -> flushSelected(out, null)).then(Mono.fromRunnable(out::flush));
            }
            boolean overflow;
            List<PendingList> lists;
            Map<MailboxId, MailboxPath> statuses;
            synchronized (queueLock) {
                overflow = overflowPending;
                overflowPending = false;
                lists = new ArrayList<>(pendingLists);
                pendingLists.clear();
                statuses = new LinkedHashMap<>(pendingStatus);
                pendingStatus.clear();
            }
            if (overflow) {
                out.respond(NotifyStatusResponse.untaggedOk("NOTIFICATIONOVERFLOW", "Too many notifications, NOTIFY is now off"));
            }
            return Flux.fromIterable(lists)
                .concatMap(pending -> listResponse(pending, proc))
                .doOnNext(out::respond)
                .thenMany(Flux.fromIterable(statuses.entrySet())
                    .concatMap(entry -> proc.status(this, entry.getKey())
                        .filter(status -> isNews(entry.getKey(), status))))
                .doOnNext(out::respond)
                .then(Mono.defer(() -> flushSelected(out, proc)))
                .then(Mono.fromRunnable(out::flush));
        })).then(eventLoopBarrier());
    }

    private boolean isNews(MailboxId mailboxId, ImapResponseMessage status) {
        if (!(status instanceof MailboxStatusResponse)) {
            return true;
        }
        MailboxStatusResponse response = (MailboxStatusResponse) status;
        String values = String.join(" ", response.getMailbox(), String.valueOf(response.getMessages()),
            String.valueOf(response.getUidNext()), String.valueOf(response.getHighestModSeq()),
            String.valueOf(response.getUidValidity()), String.valueOf(response.getUnseen()));
        return !values.equals(lastStatus.put(mailboxId, values));
    }

    /**
     * The selected mailbox's changes: as NOTIFY's selected group says when there is one (RFC 5465 §5.1-5.3), all of
     * them while idling otherwise; nothing when NOTIFY is active without a selected group (RFC 5465 §3.1).
     */
    private Mono<Void> flushSelected(ImapProcessor.Responder out, NotifyProcessor proc) {
        SelectedState state = dirtySelected();
        if (state == null) {
            return Mono.empty();
        }
        if (!notifiesSelected() || proc == null) {
            tellIdling(out, state);
            return Mono.empty();
        }
        NotifySpec.EventGroup group = spec.selectedGroup().orElseThrow();
        boolean delayed = group.getFilter().getKind() == NotifySpec.FilterKind.SELECTED_DELAYED;
        // RFC 5465 §5.2 / RFC 3501 §7.4.1: with selected-delayed, EXPUNGE waits for a command or IDLE
        Telling telling = Telling.of(!delayed || idling, true, group.has(NotifySpec.EventKind.FLAG_CHANGE));
        int firstNew = state.tell(out, telling);
        return firstNew == 0 ? Mono.empty() : proc.fetchNew(imapSession, group, out, firstNew);
    }

    /** The selected state if it changed since the last drain and is still the one watched, else null. */
    private SelectedState dirtySelected() {
        if (!selectedDirty) {
            return null;
        }
        selectedDirty = false;
        SelectedMailbox selected = imapSession.getSelected();
        return selected == hooked && selected instanceof SelectedState ? (SelectedState) selected : null;
    }

    private void tellIdling(ImapProcessor.Responder out, SelectedState state) {
        if (idling && !isActive()) {
            state.tell(out, Telling.everything());
        }
    }

    private Mono<ImapResponseMessage> listResponse(PendingList pending, NotifyProcessor proc) {
        char delimiter = delimiter();
        return visible(pending, proc).flatMap(visible -> {
            if (!visible) {
                return Mono.empty();
            }
            String name = displayName(pending.path);
            switch (pending.kind) {
                case CREATED:
                    return Mono.just(list(List.of(), delimiter, name, Optional.empty(), pending.path));
                case DELETED:
                    return Mono.just(new NotifyListResponse(List.of(NotifyListResponse.NON_EXISTENT), delimiter, name, Optional.empty()));
                case RENAMED:
                    return Mono.just(list(List.of(), delimiter, name, pending.oldPath.map(this::displayName), pending.path));
                case SUBSCRIBED:
                    return Mono.just(new NotifyListResponse(List.of(NotifyListResponse.SUBSCRIBED), delimiter, name, Optional.empty()));
                case UNSUBSCRIBED:
                default:
                    return Mono.just(new NotifyListResponse(List.of(), delimiter, name, Optional.empty()));
            }
        });
    }

    private NotifyListResponse list(List<String> attributes, char delimiter, String name, Optional<String> oldName, MailboxPath path) {
        List<String> all = new ArrayList<>(attributes);
        if (subscriptions.contains(path)) {
            all.add(NotifyListResponse.SUBSCRIBED);
        }
        return new NotifyListResponse(all, delimiter, name, oldName);
    }

    private Mono<Boolean> visible(PendingList pending, NotifyProcessor proc) {
        if (isOwn(pending.path)) {
            return Mono.just(true);
        }
        if (pending.kind == ListKind.DELETED) {
            // the mailbox and its ACL are gone: only what we knew before may be told
            return Mono.just(foreignVisibility.getOrDefault(pending.mailboxId, false));
        }
        return mayRead(pending.mailboxId, proc);
    }

    /** Lookup and Read rights for mailboxes of other users, cached until their ACL changes. */
    Mono<Boolean> mayRead(MailboxId mailboxId, NotifyProcessor proc) {
        Boolean known = foreignVisibility.get(mailboxId);
        if (known != null) {
            return Mono.just(known);
        }
        return proc.canLookupAndRead(mailboxId, mailboxSession())
            .doOnNext(allowed -> foreignVisibility.put(mailboxId, allowed));
    }

    static Duration zero() {
        return Duration.ZERO;
    }

    @Override
    public String toString() {
        return "NotifySession{" + imapSession.sessionId() + ", " + spec + "}";
    }
}
