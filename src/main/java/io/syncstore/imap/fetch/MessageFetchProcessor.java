package io.syncstore.imap.fetch;

import static org.apache.james.mailbox.MessageManager.MailboxMetaData.RecentMode.IGNORE;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.FetchData.Item;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.FetchRequest;
import org.apache.james.imap.processor.AbstractMailboxProcessor;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.imap.processor.EnableProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageManager.MailboxMetaData;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MessageRangeException;
import org.apache.james.mailbox.model.ComposedMessageIdWithMetaData;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.api.MessageFlagRows;
import io.syncstore.api.MessageSummaries;
import io.syncstore.imap.condstore.ChangedSinceFetch;
import io.syncstore.imap.mode.ConnectionMode;
import io.syncstore.imap.selected.RowsInView;
import io.syncstore.imap.selected.SelectedState;
import io.syncstore.imap.selected.SelectedStates;
import io.syncstore.imap.selected.SessionFlags;
import io.syncstore.mime.FetchItemBytes;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * FETCH and UID FETCH (and the FETCHes NOTIFY sends through this processor): every item of RFC 3501/9051, BINARY
 * (RFC 3516), PREVIEW (RFC 8970), MODSEQ, CHANGEDSINCE and VANISHED (RFC 7162), answered by {@link FetchPlan} from
 * James's mailbox API. A UID range naming no message answers nothing (RFC 9051 §6.4.8), also in an empty mailbox.
 */
public class MessageFetchProcessor extends AbstractMailboxProcessor<FetchRequest> implements CapabilityImplementingProcessor {
    private static final HumanReadableText NO_LONGER_EXIST = new HumanReadableText("io.syncstore.imap.EXPUNGE_ISSUED",
        "Some of the requested messages no longer exist");

    private static final Logger LOGGER = LoggerFactory.getLogger(MessageFetchProcessor.class);
    private static final List<Capability> CAPABILITIES = List.of(Capability.of("BINARY"), Capability.of("PREVIEW"));

    private volatile ChangedSinceFetch changedSince = ChangedSinceFetch.withChangeLog();

    @Inject
    public MessageFetchProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(FetchRequest.class, mailboxManager, factory, metricFactory);
    }

    @Override
    public List<Class<? extends FetchRequest>> acceptableClasses() {
        return List.of(FetchRequest.class, ExtendedFetchRequest.class);
    }

    @Override
    public void configure(ImapConfiguration configuration) {
        super.configure(configuration);
        changedSince = ChangedSinceFetch.configuredBy(configuration);
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return CAPABILITIES;
    }

    @Override
    protected Mono<Void> processRequestReactive(FetchRequest request, ImapSession session, Responder responder) {
        FetchData fetch = request.getFetch();
        SelectedMailbox selected = session.getSelected();
        Set<Capability> enabled = EnableProcessor.getEnabledCapabilities(session);
        if (fetch.getVanished() && !enabled.contains(ImapConstants.SUPPORTS_QRESYNC)) {
            taggedBad(request, responder, HumanReadableText.QRESYNC_NOT_ENABLED);
            return Mono.empty();
        }
        if (fetch.getVanished() && fetch.getChangedSince() == -1) {
            taggedBad(request, responder, HumanReadableText.QRESYNC_VANISHED_WITHOUT_CHANGEDSINCE);
            return Mono.empty();
        }
        List<MessageRange> asked;
        try {
            asked = askedRanges(request, selected);
        } catch (MessageRangeException e) {
            LOGGER.debug("FETCH of an invalid sequence set {}", IdRange.toString(request.getIdSet()), e);
            taggedBad(request, responder, HumanReadableText.INVALID_MESSAGESET);
            return Mono.empty();
        }
        boolean readOnly = SelectedStates.of(session).map(SelectedState::isReadOnly).orElse(false);
        FetchPlan plan = FetchPlan.of(request, enabled.contains(ImapConstants.SUPPORTS_QRESYNC), readOnly, mode(session));
        MailboxSession mailboxSession = session.getMailboxSession();
        AtomicBoolean vanished = new AtomicBoolean();
        return Mono.from(getMailboxManager().getMailboxReactive(selected.getMailboxId(), mailboxSession))
            .flatMap(mailbox -> enableCondstore(fetch, enabled, mailbox, session, responder)
                .then(rangesToRead(fetch, asked, mailbox, selected, mailboxSession, responder))
                .flatMap(ranges -> Flux.fromIterable(ranges)
                    .concatMap(range -> respond(plan, range, mailbox, selected, mailboxSession, responder, vanished))
                    .then()))
            .then(unsolicitedResponses(session, responder, !request.isUseUids(), request.isUseUids()))
            .then(Mono.fromRunnable(() -> {
                if (vanished.get()) {
                    // RFC 2180 §4.1.3, as Dovecot: the others were answered
                    no(request, responder, NO_LONGER_EXIST);
                } else {
                    okComplete(request, responder);
                }
            }))
            .onErrorResume(UnknownTransferEncodingException.class, e -> {
                responder.respond(new UnknownTransferEncodingResponse(request.getTag(), request.getCommand()));
                return Mono.empty();
            })
            .onErrorResume(e -> e instanceof MailboxException || e instanceof IOException, e -> {
                LOGGER.error("FETCH failed in mailbox {} for {}", selected.getMailboxId(), IdRange.toString(request.getIdSet()), e);
                no(request, responder, HumanReadableText.SEARCH_FAILED);
                return Mono.empty();
            })
            .then();
    }

    /**
     * The UID ranges the request names; a UID range in an empty mailbox names nothing. Sequence numbers beyond the
     * mailbox are an error (BAD), as with James.
     */
    private List<MessageRange> askedRanges(FetchRequest request, SelectedMailbox selected) throws MessageRangeException {
        List<MessageRange> ranges = new ArrayList<>();
        for (IdRange range : request.getIdSet()) {
            messageRange(selected, range, request.isUseUids()).ifPresent(ranges::add);
        }
        return ranges;
    }

    /** A CONDSTORE-enabling FETCH (RFC 7162 §3.1) tells the HIGHESTMODSEQ first. */
    private Mono<Void> enableCondstore(FetchData fetch, Set<Capability> enabled, MessageManager mailbox, ImapSession session,
                                       Responder responder) {
        boolean condstoreFetch = fetch.getChangedSince() != -1 || fetch.contains(Item.MODSEQ);
        if (!condstoreFetch || enabled.contains(ImapConstants.SUPPORTS_CONDSTORE)) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            try {
                return mailbox.getMetaDataReactive(IGNORE, session.getMailboxSession(),
                    EnumSet.of(MailboxMetaData.Item.HighestModSeq));
            } catch (MailboxException e) {
                return Mono.error(e);
            }
        })
            .doOnNext(metaData -> condstoreEnablingCommand(session, responder, metaData, true))
            .then();
    }

    /** With CHANGEDSINCE, only the changed messages, found before anything is read (and VANISHED sent). */
    private Mono<List<MessageRange>> rangesToRead(FetchData fetch, List<MessageRange> asked, MessageManager mailbox,
                                                  SelectedMailbox selected, MailboxSession session, Responder responder) {
        if (fetch.getChangedSince() == -1) {
            List<MessageRange> ranges = new ArrayList<>();
            for (MessageRange range : asked) {
                MessageRange normalized = normalizeMessageRange(selected, range);
                ranges.add(MessageRange.range(normalized.getUidFrom(), normalized.getUidTo()));
            }
            return Mono.just(ranges);
        }
        return changedSince.changedUids(mailbox, selected, session, ModSeq.of(fetch.getChangedSince()), asked,
                fetch.getVanished(), responder)
            .map(uids -> adjacentInView(uids, selected));
    }

    /** UIDs next to each other in the session's view make one range, so one read. */
    private static List<MessageRange> adjacentInView(List<MessageUid> uids, SelectedMailbox selected) {
        List<MessageRange> ranges = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= uids.size(); i++) {
            if (i == uids.size() || msn(selected, uids.get(i)) != msn(selected, uids.get(i - 1)) + 1) {
                ranges.add(MessageRange.range(uids.get(start), uids.get(i - 1)));
                start = i;
            }
        }
        return ranges;
    }

    private static int msn(SelectedMailbox selected, MessageUid uid) {
        return selected.msn(uid).asInt().orElse(-1);
    }

    private Flux<Void> respond(FetchPlan plan, MessageRange range, MessageManager mailbox, SelectedMailbox selected,
                               MailboxSession session, Responder responder, AtomicBoolean vanished) {
        if (plan.metadataOnly() && mailbox instanceof MessageFlagRows && selected instanceof SelectedState) {
            return ((MessageFlagRows) mailbox).flagRows(range, plan.showsModSeq(), session)
                .doOnNext(rows -> FlagRowsAnswer.respond(plan, rows, (SelectedState) selected, responder))
                .thenMany(Flux.empty());
        }
        if (plan.metadataOnly()) {
            return Flux.from(mailbox.listMessagesMetadata(range, session))
                .doOnNext(message -> inView(selected, message.getComposedMessageId().getUid())
                    .ifPresent(msn -> responder.respond(plan.metadataResponse(message.getComposedMessageId().getUid(),
                        message.getModSeq(), flags(message, selected), msn))))
                .thenMany(Flux.empty());
        }
        if (plan.answerableFromRows() && mailbox instanceof MessageFlagRows && mailbox instanceof MessageSummaries
                && selected instanceof SelectedState) {
            SelectedState state = (SelectedState) selected;
            return ((MessageSummaries) mailbox).summaries(range, session)
                .zipWith(((MessageFlagRows) mailbox).flagRows(range, plan.showsModSeq(), session))
                .flatMapMany(found -> {
                    RowsInView view = state.view(found.getT2());
                    if (!FlagRowsAnswer.summarised(found.getT2(), found.getT1(), view)) {
                        return messagesRead(plan, range, found.getT1(), mailbox, selected, session, responder, vanished);
                    }
                    FlagRowsAnswer.respond(plan, found.getT2(), found.getT1(), view, responder);
                    return Flux.empty();
                });
        }
        return summaries(plan, range, mailbox, session).flatMapMany(summaries ->
            messagesRead(plan, range, summaries, mailbox, selected, session, responder, vanished));
    }

    /** Each message read through James's API, answered from its summary when {@code summaries} holds one. */
    private Flux<Void> messagesRead(FetchPlan plan, MessageRange range, Map<MessageUid, byte[]> summaries, MessageManager mailbox,
                                    SelectedMailbox selected, MailboxSession session, Responder responder, AtomicBoolean vanished) {
        return Flux.from(mailbox.getMessagesReactive(range, plan.fetchGroup(!summaries.isEmpty()), session))
            .concatMap(message -> inView(selected, message.getUid())
                .map(msn -> respond(plan, message, summaries.get(message.getUid()), msn, mailbox, selected, session, responder)
                    .onErrorResume(e -> e instanceof MailboxException || e instanceof IOException,
                        e -> expungedMeanwhile(mailbox, message.getUid(), session, e).doOnNext(vanished::set).then()))
                .orElse(Mono.empty()));
    }

    /** The summaries the backend keeps of the range's messages, when they answer the FETCH; else none. */
    private static Mono<Map<MessageUid, byte[]>> summaries(FetchPlan plan, MessageRange range, MessageManager mailbox,
                                                         MailboxSession session) {
        if (plan.answerableFromSummaries() && mailbox instanceof MessageSummaries) {
            return ((MessageSummaries) mailbox).summaries(range, session);
        }
        return Mono.just(Map.of());
    }

    /** True when the message whose content could not be read was expunged by another session meanwhile; else the error. */
    private static Mono<Boolean> expungedMeanwhile(MessageManager mailbox, MessageUid uid, MailboxSession session, Throwable failure) {
        return Flux.from(mailbox.listMessagesMetadata(MessageRange.one(uid), session))
            .hasElements()
            .flatMap(exists -> exists ? Mono.error(failure) : Mono.just(true));
    }

    /** The message's response, \Seen set first when a body fetch sets it (RFC 3501 §6.4.5) and FLAGS then sent. */
    private Mono<Void> respond(FetchPlan plan, MessageResult message, byte[] summary, int msn, MessageManager mailbox,
                               SelectedMailbox selected, MailboxSession session, Responder responder) {
        Flags flags = SessionFlags.of(message.getFlags(), selected, message.getUid());
        boolean setSeen = plan.setsSeen() && !flags.contains(Flags.Flag.SEEN);
        if (setSeen) {
            flags.add(Flags.Flag.SEEN);
        }
        return Mono.fromCallable(() -> plan.response(message, summary, flags, setSeen, msn))
            .flatMap(response -> (setSeen
                    ? Mono.from(mailbox.setFlagsReactive(new Flags(Flags.Flag.SEEN), MessageManager.FlagsUpdateMode.ADD,
                        MessageRange.one(message.getUid()), session)).then()
                    : Mono.<Void>empty())
                .then(Mono.fromRunnable(() -> responder.respond(response))));
    }

    private static Flags flags(ComposedMessageIdWithMetaData message, SelectedMailbox selected) {
        return SessionFlags.of(message.getFlags(), selected, message.getComposedMessageId().getUid());
    }

    /** Messages added since the session last heard of the mailbox have no sequence number yet: not answered. */
    private static Optional<Integer> inView(SelectedMailbox selected, MessageUid uid) {
        return selected.msn(uid).asInt().map(Integer::valueOf);
    }

    @Override
    protected MDCBuilder mdc(FetchRequest request) {
        return MDCBuilder.create()
            .addToContext(MDCBuilder.ACTION, "FETCH")
            .addToContext("useUid", Boolean.toString(request.isUseUids()))
            .addToContext("idSet", IdRange.toString(request.getIdSet()));
    }

    private static FetchItemBytes.Mode mode(ImapSession session) {
        if (ConnectionMode.IMAP4REV2.enabledIn(session)) {
            return FetchItemBytes.Mode.IMAP4REV2;
        }
        return ConnectionMode.utf8(session) ? FetchItemBytes.Mode.UTF8_ACCEPT : FetchItemBytes.Mode.IMAP4REV1;
    }
}
