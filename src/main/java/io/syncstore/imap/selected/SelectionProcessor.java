package io.syncstore.imap.selected;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.apache.james.events.EventBus;
import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.response.StatusResponse.ResponseCode;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.MailboxTyper;
import org.apache.james.imap.api.process.SearchResUtil;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.main.PathConverter;
import org.apache.james.imap.message.request.AbstractMailboxSelectionRequest;
import org.apache.james.imap.message.response.ExistsResponse;
import org.apache.james.imap.message.response.FlagsResponse;
import org.apache.james.imap.message.response.ListResponse;
import org.apache.james.imap.message.response.RecentResponse;
import org.apache.james.imap.processor.AbstractMailboxProcessor;
import org.apache.james.imap.processor.EnableProcessor;
import org.apache.james.imap.processor.PermitEnableCapabilityProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageSequenceNumber;
import org.apache.james.mailbox.MessageManager.MailboxMetaData;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.events.MailboxIdRegistrationKey;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

import io.syncstore.imap.mode.ConnectionMode;
import io.syncstore.imap.mode.SelectionListing;
import io.syncstore.imap.condstore.ChangeLogSetting;
import io.syncstore.imap.condstore.Resynchronization;
import reactor.core.publisher.Mono;

/**
 * SELECT and EXAMINE (RFC 3501 §6.3.1-2, RFC 7162 §3.1.8 and §3.2.5): installs a new {@link SelectedState}, registered
 * for the mailbox's events before its UIDs are read, so that no change falls between the two; EXISTS is the number of
 * UIDs read. With QRESYNC and a matching UIDVALIDITY, the changes since the client's modseq go before the tagged OK.
 */
abstract class SelectionProcessor<R extends AbstractMailboxSelectionRequest> extends AbstractMailboxProcessor<R>
    implements PermitEnableCapabilityProcessor {
    private static final Logger LOGGER = LoggerFactory.getLogger(SelectionProcessor.class);
    private static final List<Capability> CAPABILITIES = ImmutableList.of(ImapConstants.SUPPORTS_QRESYNC, ImapConstants.SUPPORTS_CONDSTORE);
    private static final EnumSet<MailboxMetaData.Item> ITEMS =
        EnumSet.of(MailboxMetaData.Item.FirstUnseen, MailboxMetaData.Item.HighestModSeq, MailboxMetaData.Item.NextUid);
    private static final EnumSet<MailboxMetaData.Item> FIRST_UNSEEN = EnumSet.of(MailboxMetaData.Item.FirstUnseen);
    /** Read after \Recent is cleared, which gives the recent messages new modseqs. */
    private static final EnumSet<MailboxMetaData.Item> LATEST = EnumSet.of(MailboxMetaData.Item.HighestModSeq, MailboxMetaData.Item.NextUid);

    private final EventBus eventBus;
    private final MailboxTyper mailboxTyper;
    private final boolean readOnly;
    private final RecentClaimants claimants = new RecentClaimants();
    private volatile boolean useChangeLog = true;

    SelectionProcessor(Class<R> requestClass, MailboxManager mailboxManager, EventBus eventBus, MailboxTyper mailboxTyper,
                       StatusResponseFactory factory, MetricFactory metricFactory, boolean readOnly) {
        super(requestClass, mailboxManager, factory, metricFactory);
        this.eventBus = eventBus;
        this.mailboxTyper = mailboxTyper;
        this.readOnly = readOnly;
    }

    @Override
    public void configure(ImapConfiguration configuration) {
        super.configure(configuration);
        useChangeLog = ChangeLogSetting.useChangeLog(configuration);
    }

    @Override
    protected Mono<Void> processRequestReactive(R request, ImapSession session, Responder responder) {
        boolean qresyncParameter = !request.getLastKnownUidValidity().isUnknown();
        if (qresyncParameter && !EnableProcessor.getEnabledCapabilities(session).contains(ImapConstants.SUPPORTS_QRESYNC)) {
            taggedBad(request, responder, HumanReadableText.QRESYNC_NOT_ENABLED);
            return Mono.empty();
        }
        MailboxSession mailboxSession = session.getMailboxSession();
        return Mono.from(getMailboxManager().getMailboxReactive(PathConverter.forSession(session).buildFullPath(request.getMailboxName()), mailboxSession))
            .flatMap(mailbox -> select(request, session, mailbox, responder))
            .onErrorResume(MailboxNotFoundException.class, e -> {
                no(request, responder, HumanReadableText.FAILURE_NO_SUCH_MAILBOX);
                return Mono.empty();
            })
            .onErrorResume(MailboxException.class, e -> {
                LOGGER.error("Select failed for mailbox {}", request.getMailboxName(), e);
                no(request, responder, HumanReadableText.SELECT);
                return Mono.empty();
            });
    }

    private Mono<Void> select(R request, ImapSession session, MessageManager mailbox, Responder responder) {
        MailboxSession mailboxSession = session.getMailboxSession();
        if (session.getSelected() != null && (EnableProcessor.getEnabledCapabilities(session).contains(ImapConstants.SUPPORTS_QRESYNC)
            || ConnectionMode.IMAP4REV2.enabledIn(session))) {
            responder.respond(getStatusResponseFactory().untaggedOk(HumanReadableText.QRESYNC_CLOSED, ResponseCode.closed()));
        }
        SelectedState state = new SelectedState(session, getMailboxManager(), mailbox, getStatusResponseFactory(), readOnly, claimants);
        return session.selected(state)
            .then(Mono.from(eventBus.register(state, new MailboxIdRegistrationKey(mailbox.getId()))))
            .doOnNext(state::registered)
            .then(Mono.zip(UidRanges.of(mailbox, mailboxSession), mailbox.getApplicableFlagsReactive(mailboxSession)))
            .doOnNext(loaded -> state.load(loaded.getT1(), loaded.getT2()))
            .then(recentClaimed(state, mailbox, mailboxSession))
            .doOnNext(metaData -> state.recent(metaData.getRecent()))
            // a read-write SELECT gives the recent messages new modseqs as it clears \Recent: HIGHESTMODSEQ is read after
            .flatMap(metaData -> (readOnly ? Mono.just(metaData) : metaData(mailbox, mailboxSession, MailboxMetaData.RecentMode.IGNORE, LATEST))
                .flatMap(latest -> SelectionListing.of(session, getMailboxManager(), mailboxTyper, mailbox.getMailboxPath())
                    .flatMap(listing -> respond(request, session, mailbox, state, metaData, latest, listing, responder))))
            // a SELECT answered NO leaves nothing selected, and no state listening or claiming \Recent
            .onErrorResume(e -> (session.getSelected() == state ? session.deselect() : state.deselect()).then(Mono.error(e)));
    }

    /**
     * The recent messages and the first unseen one; with every item for EXAMINE, whose answer reads nothing after. A
     * claiming session clears \Recent in storage only when some message holds it: a clear is a write, queued behind
     * the store's other writes, and most SELECTs find none (a message appended by the session that has its mailbox
     * selected, or told to a claimant while selected, never holds it). One stored after this read is told to this
     * session by its event, as the state is registered already.
     */
    private Mono<MailboxMetaData> recentClaimed(SelectedState state, MessageManager mailbox, MailboxSession session) {
        Mono<MailboxMetaData> found = metaData(mailbox, session, MailboxMetaData.RecentMode.RETRIEVE, readOnly ? ITEMS : FIRST_UNSEEN);
        // EXAMINE and an IMAP4rev2 session leave the mark to the next read-write IMAP4rev1 session
        if (!state.claimsRecent()) {
            return found;
        }
        return found.flatMap(metaData -> metaData.getRecent().isEmpty()
            ? Mono.just(metaData)
            : RecentClaims.reset(mailbox, session, FIRST_UNSEEN));
    }

    private Mono<Void> respond(R request, ImapSession session, MessageManager mailbox, SelectedState state,
                               MailboxMetaData metaData, MailboxMetaData latest, Optional<ListResponse> listing,
                               Responder responder) {
        responder.respond(getStatusResponseFactory().untaggedOk(HumanReadableText.OK, ResponseCode.mailboxId(mailbox.getId())));
        responder.respond(new FlagsResponse(state.getApplicableFlags()));
        responder.respond(new ExistsResponse(state.existsCount()));
        listing.ifPresent(responder::respond);
        responder.respond(new RecentResponse(state.recentCount()));
        responder.respond(getStatusResponseFactory().untaggedOk(HumanReadableText.UID_VALIDITY, ResponseCode.uidValidity(metaData.getUidValidity())));
        if (metaData.getFirstUnseen() != null) {
            state.msn(metaData.getFirstUnseen()).asInt().map(MessageSequenceNumber::of).ifPresent(msn ->
                responder.respond(getStatusResponseFactory().untaggedOk(HumanReadableText.unseen(msn), ResponseCode.unseen(msn))));
        }
        permanentFlags(responder, metaData.getPermanentFlags(), state);
        responder.respond(getStatusResponseFactory().untaggedOk(HumanReadableText.HIGHEST_MOD_SEQ, ResponseCode.highestModSeq(latest.getHighestModSeq())));
        responder.respond(getStatusResponseFactory().untaggedOk(HumanReadableText.UIDNEXT, ResponseCode.uidNext(latest.getUidNext())));
        if (request.getCondstore()) {
            condstoreEnablingCommand(session, responder, latest, false);
        }
        SearchResUtil.resetSavedSequenceSet(session);
        ResponseCode access = metaData.isWriteable() && !readOnly ? ResponseCode.readWrite() : ResponseCode.readOnly();
        if (request.getLastKnownUidValidity().isUnknown()) {
            return Mono.fromRunnable(() -> responder.respond(getStatusResponseFactory().taggedOk(request.getTag(), request.getCommand(), HumanReadableText.SELECT, access)));
        }
        if (!request.getLastKnownUidValidity().correspondsTo(metaData.getUidValidity())) {
            return Mono.fromRunnable(() -> responder.respond(getStatusResponseFactory().taggedOk(request.getTag(), request.getCommand(),
                HumanReadableText.QRESYNC_UIDVALIDITY_MISMATCH, access)));
        }
        return Resynchronization.resync(mailbox, state, session.getMailboxSession(), useChangeLog, ModSeq.of(request.getKnownModSeq()),
                request.getUidSet(), latest.getUidNext().asLong(), responder)
            .then(Mono.fromRunnable(() -> responder.respond(getStatusResponseFactory().taggedOk(request.getTag(), request.getCommand(), HumanReadableText.SELECT, access))));
    }

    private static Mono<MailboxMetaData> metaData(MessageManager mailbox, MailboxSession session, MailboxMetaData.RecentMode mode,
                                                  EnumSet<MailboxMetaData.Item> items) {
        return Mono.defer(() -> {
            try {
                return mailbox.getMetaDataReactive(mode, session, items);
            } catch (MailboxException e) {
                return Mono.error(e);
            }
        });
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return CAPABILITIES;
    }

    @Override
    public List<Capability> getPermitEnableCapabilities(ImapSession session) {
        return CAPABILITIES;
    }

    /** ENABLE CONDSTORE/QRESYNC with a mailbox selected: HIGHESTMODSEQ is sent (as Dovecot does). */
    @Override
    public Mono<Void> enable(ImapMessage message, Responder responder, ImapSession session, Capability capability) {
        boolean modSeqCapability = capability.equals(ImapConstants.SUPPORTS_CONDSTORE) || capability.equals(ImapConstants.SUPPORTS_QRESYNC);
        if (!modSeqCapability || EnableProcessor.getEnabledCapabilities(session).contains(capability)) {
            return Mono.empty();
        }
        SelectedMailbox selected = session.getSelected();
        if (selected == null) {
            return Mono.fromRunnable(() -> condstoreEnablingCommand(session, responder, null, false));
        }
        return metaData(selected.getMessageManager(), session.getMailboxSession(), MailboxMetaData.RecentMode.IGNORE, LATEST)
            .doOnNext(metaData -> condstoreEnablingCommand(session, responder, metaData, true))
            .then();
    }

    @Override
    protected MDCBuilder mdc(R request) {
        return MDCBuilder.create()
            .addToContext(MDCBuilder.ACTION, request.getCommand().getName())
            .addToContext("mailbox", request.getMailboxName());
    }
}
