package io.syncstore.imap.selected;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import javax.mail.Flags;

import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.events.Registration;
import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.UidRange;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.response.ExistsResponse;
import org.apache.james.imap.message.response.ExpungeResponse;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.message.response.FlagsResponse;
import org.apache.james.imap.message.response.RecentResponse;
import org.apache.james.imap.message.response.VanishedResponse;
import org.apache.james.imap.processor.EnableProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageSequenceNumber;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.NullableMessageSequenceNumber;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.api.FlagRows;
import io.syncstore.imap.mode.ConnectionMode;
import it.unimi.dsi.fastutil.longs.Long2ObjectMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectRBTreeMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongIterator;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.longs.LongRBTreeSet;
import it.unimi.dsi.fastutil.longs.LongSet;
import it.unimi.dsi.fastutil.longs.LongSortedSet;

import reactor.core.publisher.Mono;

/**
 * What one connection has been told of its selected mailbox, and what it has not been told yet: the one place that
 * decides the EXPUNGE/VANISHED, EXISTS, RECENT, FLAGS and FETCH responses a connection gets about changes.
 *
 * <p>The sequence numbers, UIDs and counts that James's processors read ({@link #msn}, {@link #uid},
 * {@link #existsCount}, first/last UID) are those of the messages the client was told of, so no response can name a
 * sequence number the client does not know. Changes recorded from the event bus wait here until {@link #tell} sends
 * them, at the points {@link Telling} allows. James's own unsolicited-response code therefore always finds nothing to
 * send ({@link #isSizeChanged}, {@link #expungedUids}, {@link #flagUpdateUids} and {@link #hasNewApplicableFlags} are
 * about changes James would deliver, and it delivers none).</p>
 */
public final class SelectedState implements SelectedMailbox, EventListener.ReactiveEventListener {
    private static final Logger LOGGER = LoggerFactory.getLogger(SelectedState.class);
    /** Shared: every connection but the one holding a new message's \Recent announces it with RECENT 0. */
    private static final RecentResponse NO_RECENT = new RecentResponse(0);
    private final ImapSession session;
    private final long ownSession;
    private final MailboxManager mailboxManager;
    private final MessageManager messageManager;
    private final MailboxId mailboxId;
    private final StatusResponseFactory factory;
    private final boolean readOnly;
    private final boolean claimsRecent;
    private final RecentClaimants claimants;
    private volatile boolean deselected;
    private final AtomicReference<Registration> registration = new AtomicReference<>();
    private final AtomicReference<ReactiveEventListener> wakeUp = new AtomicReference<>();

    /*
     * UIDs as primitives: a change to a mailbox with 1,000 idling connections is recorded and told by each of them,
     * and boxed UIDs in java.util's trees were a fifth of what such a push allocated (docs/benchmarks.md section 6).
     */
    private UidSequence told = new UidSequence();
    private final SortedUids addedUntold = new SortedUids();
    private final SortedUids expungedUntold = new SortedUids();
    private final Long2ObjectRBTreeMap<UpdatedFlags> flagsUntold = new Long2ObjectRBTreeMap<>();
    /** Untold messages this session added or expunged itself: told even when others' are not. */
    private final LongSet ownUntold = new LongOpenHashSet();
    private final LongSortedSet recent = new LongRBTreeSet();
    /** Added with \Recent in storage, and no session has cleared it yet that this state knows of. */
    private final SortedUids unclaimed = new SortedUids();
    /** Cleared for this session before its Added event reached this state. */
    private final SortedUids claimedAhead = new SortedUids();
    /** Cleared by another session before the Added event reached this state (listeners hear events in any order). */
    private final SortedUids clearedAhead = new SortedUids();
    private final Flags applicable = new Flags();
    private final Set<String> toldKeywords = new HashSet<>();
    /** Some keyword of {@link #applicable} is not in {@link #toldKeywords}: kept, not scanned for at every event. */
    private boolean keywordsUntold;
    private boolean deletedByOtherSession;
    private boolean loaded;

    SelectedState(ImapSession session, MailboxManager mailboxManager, MessageManager messageManager, StatusResponseFactory factory,
                  boolean readOnly, RecentClaimants claimants) {
        this.session = session;
        this.ownSession = session.getMailboxSession().getSessionId().getValue();
        this.mailboxManager = mailboxManager;
        this.messageManager = messageManager;
        this.mailboxId = messageManager.getId();
        this.factory = factory;
        this.readOnly = readOnly;
        // decided here, on the session's own thread: the event thread must not read the session's attributes
        this.claimsRecent = !readOnly && !ConnectionMode.IMAP4REV2.enabledIn(session);
        this.claimants = claimants;
    }

    /** Selected by EXAMINE: nothing the connection reads may change the mailbox (RFC 3501 §6.3.2), not even \Seen. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /**
     * Whether messages arriving now lose their stored \Recent to this session (RFC 3501 §2.3.2): not under EXAMINE, and
     * not for an IMAP4rev2 session, which has no \Recent (RFC 9051) and leaves the mark to IMAP4rev1 sessions.
     */
    public boolean claimsRecent() {
        return claimsRecent;
    }

    /** Still selected, and claiming \Recent as {@link #claimsRecent} says. */
    boolean claimsRecentNow() {
        return !deselected && claimsRecent();
    }

    /** A registration completing after the connection left (it closed while SELECT ran) is undone at once. */
    void registered(Registration registration) {
        this.registration.set(registration);
        if (deselected) {
            deselect().subscribe(any -> { }, e -> LOGGER.warn("Could not unregister from mailbox {}", mailboxId, e));
        }
    }

    /** The messages of the mailbox when selected; events recorded before this are reconciled with them. */
    synchronized void load(long[] uidRanges, Flags applicableFlags) {
        told = UidSequence.ofRanges(uidRanges);
        addedUntold.removeIf(told::contains);
        expungedUntold.removeIf(uid -> !told.contains(uid));
        applicable.add(applicableFlags);
        applicable.remove(Flags.Flag.RECENT);
        keywordsUntold = anyKeywordUntold();
        claimedAhead.removeIf(uid -> told.contains(uid) && recent.add(uid));
        clearedAhead.removeIf(told::contains);
        loaded = true;
    }

    /** Messages whose \Recent mark this session cleared in storage: \Recent here and in no other session. */
    synchronized void recent(Collection<MessageUid> uids) {
        uids.forEach(uid -> claimed(uid.asLong()));
    }

    private void claimed(long uid) {
        unclaimed.remove(uid);
        if (told.contains(uid) || addedUntold.contains(uid)) {
            recent.add(uid);
        } else {
            claimedAhead.add(uid);
        }
    }

    /**
     * A read-write session claims the \Recent of messages added while it has the mailbox selected, before the change's
     * command completes; the first session to clear the mark keeps it (RFC 3501 §2.3.2).
     */
    private Mono<Void> claimRecent() {
        LongSet pending = new LongOpenHashSet();
        return RecentClaims.resetIf(() -> pendingClaims(pending), messageManager, session.getMailboxSession(),
                EnumSet.noneOf(MessageManager.MailboxMetaData.Item.class))
            .doOnNext(metaData -> settled(pending, metaData.getRecent()))
            .then()
            .onErrorResume(e -> {
                LOGGER.warn("Could not claim \\Recent in mailbox {}", mailboxId, e);
                settled(unclaimedNow(), List.of());
                return Mono.empty();
            });
    }

    /** The unclaimed messages as the clear is about to run (asked last just before it); true when there are some. */
    private synchronized boolean pendingClaims(LongSet pending) {
        pending.clear();
        unclaimed.forEach(pending::add);
        return !pending.isEmpty();
    }

    private synchronized LongSet unclaimedNow() {
        LongSet now = new LongOpenHashSet();
        unclaimed.forEach(now::add);
        return now;
    }

    /**
     * The clear took the mark of every message still recent in storage: those of {@code pending} it did not return were
     * claimed by another session before it, whether or not that session's event has arrived here yet.
     */
    private synchronized void settled(LongSet pending, Collection<MessageUid> claimedHere) {
        recent(claimedHere);
        unclaimed.removeIf(pending::contains);
    }

    // ------------------------------------------------------------------ telling

    /**
     * Sends what the connection was not told yet and {@code telling} allows: expunges, then new messages, then new
     * keywords, then flag changes made by other connections (dropped when not to be told). Returns the sequence number of the first message
     * announced now, or 0.
     */
    public int tell(Responder out, Telling telling) {
        // sized for the usual push, EXISTS and RECENT
        List<ImapResponseMessage> responses = new ArrayList<>(2);
        int firstNew;
        synchronized (this) {
            if (telling.expunges() && !expungedUntold.isEmpty()) {
                tellExpunges(responses, enabled(ImapConstants.SUPPORTS_QRESYNC), telling.othersMessages());
            }
            // an EXISTS counts every message below the highest it announces: others' too, with the session's own
            boolean tellAdded = telling.othersMessages() ? !addedUntold.isEmpty() && !claimPending() : anyOwnAdded();
            firstNew = tellAdded ? told.count() + 1 : 0;
            if (tellAdded) {
                if (!ownUntold.isEmpty()) {
                    addedUntold.forEach(ownUntold::remove);
                }
                addedUntold.forEach(told::add);
                addedUntold.clear();
                responses.add(new ExistsResponse(told.count()));
                int recentCount = recentCount();
                responses.add(recentCount == 0 ? NO_RECENT : new RecentResponse(recentCount));
            }
            if (keywordsUntold) {
                keywordResponses(responses, new Flags());
            }
            if (!telling.flagChanges()) {
                flagsUntold.clear();
            } else if (!flagsUntold.isEmpty()) {
                boolean qresync = enabled(ImapConstants.SUPPORTS_QRESYNC);
                tellFlagChanges(responses, telling.uids() || qresync, qresync || enabled(ImapConstants.SUPPORTS_CONDSTORE));
            }
        }
        responses.forEach(out::respond);
        return firstNew;
    }

    /** Looked up only when an expunge or a flag change is told: a push of new messages to 1,000 connections need not. */
    private boolean enabled(Capability capability) {
        return EnableProcessor.getEnabledCapabilities(session).contains(capability);
    }

    /**
     * Others' new messages wait while this session's claim of their \\Recent runs: told earlier, their EXISTS would go with
     * a RECENT that leaves them out, and the session that first heard of them would not be the one holding the mark.
     */
    private boolean claimPending() {
        if (!claimsRecent()) {
            return false;
        }
        boolean unclaimedAmongThem = false;
        for (int index = 0; index < addedUntold.size(); index++) {
            long uid = addedUntold.get(index);
            if (ownUntold.contains(uid)) {
                return false;
            }
            unclaimedAmongThem |= unclaimed.contains(uid);
        }
        return unclaimedAmongThem;
    }

    private boolean anyOwnAdded() {
        for (int index = 0; index < addedUntold.size(); index++) {
            if (ownUntold.contains(addedUntold.get(index))) {
                return true;
            }
        }
        return false;
    }

    private void tellExpunges(List<ImapResponseMessage> responses, boolean qresync, boolean othersToo) {
        long[] gone = othersToo ? expungedUntold.toArray() : filter(expungedUntold, ownUntold);
        if (gone.length == 0) {
            return;
        }
        for (long uid : gone) {
            expungedUntold.remove(uid);
            ownUntold.remove(uid);
            recent.remove(uid);
            flagsUntold.remove(uid);
            int msn = told.remove(uid);
            if (!qresync) {
                responses.add(new ExpungeResponse(NullableMessageSequenceNumber.of(msn)));
            }
        }
        if (qresync) {
            responses.add(new VanishedResponse(ranges(gone), false));
        }
    }

    private void tellFlagChanges(List<ImapResponseMessage> responses, boolean withUid, boolean withModSeq) {
        for (Long2ObjectMap.Entry<UpdatedFlags> entry : flagsUntold.long2ObjectEntrySet()) {
            int msn = told.msn(entry.getLongKey());
            if (msn == 0) {
                continue;
            }
            UpdatedFlags update = entry.getValue();
            Flags flags = new Flags(update.getNewFlags());
            if (recent.contains(entry.getLongKey())) {
                flags.add(Flags.Flag.RECENT);
            } else {
                flags.remove(Flags.Flag.RECENT);
            }
            responses.add(new FetchResponse(MessageSequenceNumber.of(msn), flags, withUid ? update.getUid() : null, null,
                withModSeq ? update.getModSeq() : null, null, null, null, null, null, null, null, null));
        }
        flagsUntold.clear();
    }

    private static long[] filter(SortedUids uids, LongSet kept) {
        LongArrayList filtered = new LongArrayList();
        uids.forEach(uid -> {
            if (kept.contains(uid)) {
                filtered.add(uid);
            }
        });
        return filtered.toLongArray();
    }

    /** FLAGS and PERMANENTFLAGS before a response that shows keywords the connection was not told of. */
    void announceKeywords(Responder out, Flags shown) {
        List<ImapResponseMessage> responses = new ArrayList<>();
        synchronized (this) {
            boolean unknown = false;
            for (String keyword : shown.getUserFlags()) {
                unknown |= !toldKeywords.contains(keyword);
            }
            if (!unknown) {
                return;
            }
            keywordResponses(responses, shown);
        }
        responses.forEach(out::respond);
    }

    /** A FLAGS response written by a processor (SELECT's): the keywords it lists are told. */
    synchronized void toldFlags(Flags flags) {
        toldKeywords.clear();
        toldKeywords.addAll(List.of(flags.getUserFlags()));
        keywordsUntold = anyKeywordUntold();
    }

    private boolean anyKeywordUntold() {
        for (String keyword : applicable.getUserFlags()) {
            if (!toldKeywords.contains(keyword)) {
                return true;
            }
        }
        return false;
    }

    private void keywordResponses(List<ImapResponseMessage> responses, Flags shown) {
        applicable.add(shown);
        applicable.remove(Flags.Flag.RECENT);
        Flags flags = new Flags(applicable);
        responses.add(new FlagsResponse(flags));
        Flags permanent = new Flags(messageManager.getPermanentFlags(session.getMailboxSession()));
        if (permanent.contains(Flags.Flag.USER)) {
            permanent.add(flags);
        }
        responses.add(factory.untaggedOk(HumanReadableText.permanentFlags(permanent), StatusResponse.ResponseCode.permanentFlags(permanent)));
        toldFlags(flags);
    }

    private static UidRange[] ranges(long[] sortedUids) {
        List<UidRange> ranges = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= sortedUids.length; i++) {
            if (i == sortedUids.length || sortedUids[i] != sortedUids[i - 1] + 1) {
                ranges.add(new UidRange(MessageUid.of(sortedUids[start]), MessageUid.of(sortedUids[i - 1])));
                start = i;
            }
        }
        return ranges.toArray(UidRange[]::new);
    }

    /** True when something waits to be told (a drain has work). */
    public synchronized boolean hasUntold() {
        return !addedUntold.isEmpty() || !expungedUntold.isEmpty() || !flagsUntold.isEmpty() || keywordsUntold;
    }

    // ------------------------------------------------------------------ events

    @Override
    public Publisher<Void> reactiveEvent(Event event) {
        if (!(event instanceof MailboxEvents.MailboxEvent) || !((MailboxEvents.MailboxEvent) event).getMailboxId().equals(mailboxId)) {
            return Mono.empty();
        }
        MailboxEvents.MailboxEvent mailboxEvent = (MailboxEvents.MailboxEvent) event;
        boolean tellable = record(mailboxEvent, EventFacts.of(mailboxEvent));
        if (claimsRecentNow() && event instanceof MailboxEvents.Added && hasUnclaimed()) {
            return claimRecent().then(Mono.defer(() -> wakeUp(event, tellable)));
        }
        // done as asked, without a Reactor step: the event bus asks the 1,000 sessions idling on a mailbox in one loop
        return wakeUp(event, tellable);
    }

    private synchronized boolean hasUnclaimed() {
        return !unclaimed.isEmpty();
    }

    private Mono<Void> wakeUp(Event event, boolean tellable) {
        ReactiveEventListener listener = wakeUp.get();
        return listener == null || !tellable ? Mono.empty() : Mono.from(listener.reactiveEvent(event));
    }

    /**
     * Records the change; true when the connection now has something to be told. A \Recent claim by another session
     * has nothing to tell: waking each idling connection for it doubled the push latency of a new message (1,000 idling
     * sessions, docs/benchmarks.md section 6).
     */
    private synchronized boolean record(MailboxEvents.MailboxEvent event, EventFacts facts) {
        boolean own = event.getSessionId() != null && ownSession == event.getSessionId().getValue();
        if (event instanceof MailboxEvents.Added) {
            long[] uids = facts.uids();
            for (int index = 0; index < uids.length; index++) {
                long uid = uids[index];
                if (!told.contains(uid)) {
                    addedUntold.add(uid);
                    if (own) {
                        ownUntold.add(uid);
                    }
                }
                boolean clearedByOthers = clearedAhead.remove(uid);
                if (claimedAhead.remove(uid)) {
                    recent.add(uid);
                } else if (facts.addedRecent(index) && !clearedByOthers) {
                    if (readOnly) {
                        // EXAMINE never clears \Recent: the message is recent here until a read-write session claims it
                        unclaimed.add(uid);
                        recent.add(uid);
                    } else if (!claimsRecent() || claimants.claims(this)) {
                        unclaimed.add(uid);
                    }
                }
                learnKeywords(facts.keywords(index));
            }
        } else if (event instanceof MailboxEvents.Expunged) {
            for (long uid : facts.uids()) {
                unclaimed.remove(uid);
                claimedAhead.remove(uid);
                clearedAhead.remove(uid);
                if (addedUntold.remove(uid)) {
                    ownUntold.remove(uid);
                    recent.remove(uid);
                }
                // before the load, the snapshot may still hold the message: load() forgets it if not
                if (!loaded || told.contains(uid)) {
                    expungedUntold.add(uid);
                    if (own) {
                        ownUntold.add(uid);
                    }
                }
            }
        } else if (event instanceof MailboxEvents.FlagsUpdated) {
            boolean byOthers = !own;
            List<UpdatedFlags> updates = ((MailboxEvents.FlagsUpdated) event).getUpdatedFlags();
            for (int index = 0; index < updates.size(); index++) {
                UpdatedFlags update = updates.get(index);
                boolean moreThanRecent = facts.changesMoreThanRecent(index);
                if (moreThanRecent) {
                    // keywords left as they were are known already: from the mailbox when selected, or from an event
                    learnKeywords(facts.keywords(index));
                }
                long uid = update.getUid().asLong();
                if (!update.getNewFlags().contains(Flags.Flag.RECENT)) {
                    unclaimed.remove(uid);
                    if (readOnly && update.getOldFlags().contains(Flags.Flag.RECENT)) {
                        recent.remove(uid);
                    }
                    if (byOthers && update.getOldFlags().contains(Flags.Flag.RECENT) && !told.contains(uid) && !addedUntold.contains(uid)) {
                        clearedAhead.add(uid);
                    }
                    // told before the claim's own wake-up can tell the message (its EXISTS goes with RECENT)
                    if (!byOthers && update.getOldFlags().contains(Flags.Flag.RECENT)) {
                        claimed(uid);
                    }
                }
                if (byOthers && moreThanRecent && (told.contains(uid) || addedUntold.contains(uid)) && !expungedUntold.contains(uid)) {
                    flagsUntold.merge(uid, update, (known, newer) -> newer.getModSeq().asLong() >= known.getModSeq().asLong() ? newer : known);
                }
            }
        } else if (event instanceof MailboxEvents.MailboxDeletion && !own) {
            deletedByOtherSession = true;
        }
        return deletedByOtherSession || hasUntold();
    }


    private void learnKeywords(String[] keywords) {
        for (String keyword : keywords) {
            applicable.add(keyword);
            keywordsUntold |= !toldKeywords.contains(keyword);
        }
    }

    @Override
    public ExecutionMode getExecutionMode() {
        // recorded before the change's command completes, so that its own EXPUNGE/EXISTS go before its tagged OK
        return ExecutionMode.SYNCHRONOUS;
    }

    // ------------------------------------------------------------------ SelectedMailbox

    @Override
    public Mono<Void> deselect() {
        deselected = true;
        claimants.release(this);
        wakeUp.set(null);
        return Optional.ofNullable(registration.getAndSet(null))
            .map(Registration::unregister)
            .map(Mono::from)
            .orElse(Mono.empty())
            .then();
    }

    /** The listener woken after every change recorded here (IDLE and NOTIFY's delivery); one at a time. */
    @Override
    public void registerIdle(ReactiveEventListener idle) {
        wakeUp.set(idle);
    }

    @Override
    public void unregisterIdle() {
        wakeUp.set(null);
    }

    @Override
    public synchronized NullableMessageSequenceNumber msn(MessageUid uid) {
        int msn = told.msn(uid.asLong());
        return msn == 0 ? NullableMessageSequenceNumber.noMessage() : NullableMessageSequenceNumber.of(msn);
    }

    /** The rows in this connection's view, under one lock: the UIDs and the \Recent held walked once, side by side. */
    public synchronized RowsInView view(FlagRows rows) {
        int[] sequenceNumbers = new int[rows.size()];
        UidSequence.Cursor cursor = told.cursor(rows.size() == 0 ? 0 : rows.uid(0));
        for (int row = 0; row < rows.size(); row++) {
            sequenceNumbers[row] = cursor.msn(rows.uid(row));
        }
        BitSet recentRows = new BitSet();
        if (!recent.isEmpty() && rows.size() > 0) {
            int row = 0;
            for (LongIterator uids = recent.subSet(rows.uid(0), rows.uid(rows.size() - 1) + 1).iterator(); uids.hasNext(); ) {
                long uid = uids.nextLong();
                while (rows.uid(row) < uid) {
                    row++;
                }
                if (rows.uid(row) == uid) {
                    recentRows.set(row);
                }
            }
        }
        return new RowsInView(sequenceNumbers, recentRows);
    }

    /** The UIDs the client was told of, ascending: the message with sequence number n at index n - 1. */
    public synchronized long[] toldUids() {
        return told.uids();
    }

    @Override
    public synchronized Optional<MessageUid> uid(int index) {
        long uid = told.uid(index);
        return uid == 0 ? Optional.empty() : Optional.of(MessageUid.of(uid));
    }

    @Override
    public synchronized boolean addRecent(MessageUid uid) {
        // APPEND into the selected mailbox stores the message without \Recent and gives it to the appending session
        long known = uid.asLong();
        return (told.contains(known) || addedUntold.contains(known)) && recent.add(known);
    }

    @Override
    public synchronized boolean removeRecent(MessageUid uid) {
        return recent.remove(uid.asLong());
    }

    @Override
    public synchronized Collection<MessageUid> getRecent() {
        List<MessageUid> uids = new ArrayList<>();
        recent.forEach((long uid) -> uids.add(MessageUid.of(uid)));
        return uids;
    }

    /** {@link #recent} holds only messages told or about to be: the count leaves out those not told yet. */
    @Override
    public synchronized int recentCount() {
        if (addedUntold.isEmpty()) {
            return recent.size();
        }
        int untold = 0;
        for (int index = 0; index < addedUntold.size(); index++) {
            if (recent.contains(addedUntold.get(index))) {
                untold++;
            }
        }
        return recent.size() - untold;
    }

    @Override
    public synchronized long existsCount() {
        return told.count();
    }

    @Override
    public Mono<MailboxPath> getPathReactive() {
        return Mono.from(mailboxManager.getMailboxReactive(mailboxId, session.getMailboxSession()))
            .map(MessageManager::getMailboxPath);
    }

    @Override
    public MailboxId getMailboxId() {
        return mailboxId;
    }

    @Override
    public MessageManager getMessageManager() {
        return messageManager;
    }

    @Override
    public synchronized boolean isRecent(MessageUid uid) {
        return recent.contains(uid.asLong());
    }

    @Override
    public synchronized boolean isDeletedByOtherSession() {
        return deletedByOtherSession;
    }

    @Override
    public boolean isSizeChanged() {
        return false;
    }

    @Override
    public boolean isRecentUidRemoved() {
        return false;
    }

    @Override
    public void resetRecentUidRemoved() {
    }

    @Override
    public void resetEvents() {
    }

    @Override
    public Collection<MessageUid> expungedUids() {
        return List.of();
    }

    @Override
    public void resetExpungedUids() {
    }

    /** Forgets a message the connection is told is gone (the caller tells it). */
    @Override
    public synchronized NullableMessageSequenceNumber remove(MessageUid uid) {
        expungedUntold.remove(uid.asLong());
        ownUntold.remove(uid.asLong());
        recent.remove(uid.asLong());
        int msn = told.remove(uid.asLong());
        return msn == 0 ? NullableMessageSequenceNumber.noMessage() : NullableMessageSequenceNumber.of(msn);
    }

    @Override
    public Collection<MessageUid> flagUpdateUids() {
        return List.of();
    }

    @Override
    public synchronized Optional<MessageUid> getFirstUid() {
        return told.count() == 0 ? Optional.empty() : Optional.of(MessageUid.of(told.firstUid()));
    }

    @Override
    public synchronized Optional<MessageUid> getLastUid() {
        return told.count() == 0 ? Optional.empty() : Optional.of(MessageUid.of(told.lastUid()));
    }

    @Override
    public synchronized Flags getApplicableFlags() {
        return new Flags(applicable);
    }

    @Override
    public boolean hasNewApplicableFlags() {
        return false;
    }

    @Override
    public void resetNewApplicableFlags() {
    }

    /** Heap held by the sequence map, for the benchmark. */
    public synchronized long sequenceFootprint() {
        return told.footprint();
    }
}
