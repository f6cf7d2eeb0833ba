package io.syncstore.imap.notify;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.FetchRequest;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.message.response.MailboxStatusResponse;
import org.apache.james.imap.processor.AbstractMailboxProcessor;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.imap.processor.EnableProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxMetaData;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code NOTIFY} (RFC 5465): validates, installs the spec, answers the STATUS indicator; also builds notifications. */
public class NotifyProcessor extends AbstractMailboxProcessor<NotifyRequest> implements CapabilityImplementingProcessor {
    private static final Logger LOGGER = LoggerFactory.getLogger(NotifyProcessor.class);
    public static final Capability NOTIFY = Capability.of("NOTIFY");
    static final String SUPPORTED_EVENTS = "(MessageNew MessageExpunge FlagChange MailboxName SubscriptionChange)";
    private static final Set<NotifySpec.EventKind> MESSAGE_EVENTS = EnumSet.of(NotifySpec.EventKind.MESSAGE_NEW,
        NotifySpec.EventKind.MESSAGE_EXPUNGE, NotifySpec.EventKind.FLAG_CHANGE);

    private final NotifyRegistry registry;
    private final SubscriptionManager subscriptionManager;
    private volatile NotifyConfiguration configuration = NotifyConfiguration.DEFAULT;
    private volatile ImapProcessor fetchProcessor;

    @Inject
    public NotifyProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                           NotifyRegistry registry, SubscriptionManager subscriptionManager) {
        super(NotifyRequest.class, mailboxManager, factory, metricFactory);
        this.registry = registry;
        this.subscriptionManager = subscriptionManager;
    }

    public void setFetchProcessor(ImapProcessor fetchProcessor) {
        this.fetchProcessor = fetchProcessor;
    }

    @Override
    public void configure(ImapConfiguration imapConfiguration) {
        super.configure(imapConfiguration);
        this.configuration = NotifyConfiguration.from(imapConfiguration.getCustomProperties());
    }

    NotifyConfiguration configuration() {
        return configuration;
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return ImmutableList.of(NOTIFY);
    }

    @Override
    protected Mono<Void> processRequestReactive(NotifyRequest request, ImapSession session, Responder responder) {
        NotifySession notifySession = registry.sessionOf(session);
        if (request.isNone()) {
            notifySession.install(NotifySpec.NONE, this, List.of());
            registry.deactivate(notifySession);
            okComplete(request, responder);
            return Mono.empty();
        }
        Optional<String> badEvents = unsupportedEvents(request.getSpec());
        if (badEvents.isPresent()) {
            responder.respond(NotifyStatusResponse.taggedNo(request.getTag(), "BADEVENT " + SUPPORTED_EVENTS,
                "NOTIFY failed. Unsupported event(s): " + badEvents.get()));
            return Mono.empty();
        }
        Optional<String> violation = violation(request.getSpec());
        if (violation.isPresent()) {
            taggedBad(request, responder, new HumanReadableText("org.apache.james.imap.NOTIFY_INVALID", "failed. " + violation.get()));
            return Mono.empty();
        }
        if (notifySession.channel().isEmpty()) {
            no(request, responder, new HumanReadableText("org.apache.james.imap.NOTIFY_UNAVAILABLE", "NOTIFY is not available on this connection"));
            return Mono.empty();
        }
        MailboxSession mailboxSession = session.getMailboxSession();
        return subscriptionsIfNeeded(request.getSpec(), mailboxSession)
            .flatMap(subscriptions -> {
                notifySession.install(request.getSpec(), this, subscriptions);
                registry.activate(notifySession);
                if (request.isStatus()) {
                    return statusIndicator(notifySession, request, responder);
                }
                return Mono.just(true);
            })
            .doOnNext(ok -> {
                if (ok) {
                    okComplete(request, responder);
                }
            })
            .then();
    }

    private Mono<List<org.apache.james.mailbox.model.MailboxPath>> subscriptionsIfNeeded(NotifySpec spec, MailboxSession mailboxSession) {
        boolean needed = spec.getGroups().stream().anyMatch(g -> g.getFilter().getKind() == NotifySpec.FilterKind.SUBSCRIBED)
            || spec.getGroups().stream().anyMatch(g -> g.has(NotifySpec.EventKind.SUBSCRIPTION_CHANGE) || g.has(NotifySpec.EventKind.MAILBOX_NAME));
        if (!needed) {
            return Mono.just(List.of());
        }
        try {
            return Flux.from(subscriptionManager.subscriptionsReactive(mailboxSession)).collectList();
        } catch (Exception e) {
            return Mono.error(e);
        }
    }

    /** RFC 5465 §3.1: NO [BADEVENT (supported events)] for any event the server cannot deliver. */
    static Optional<String> unsupportedEvents(NotifySpec spec) {
        Set<String> bad = new LinkedHashSet<>();
        for (NotifySpec.EventGroup group : spec.getGroups()) {
            for (NotifySpec.Event event : group.getEvents()) {
                if (event.getKind().map(kind -> !kind.isSupported()).orElse(true)) {
                    bad.add(event.getName());
                }
            }
        }
        return bad.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", bad));
    }

    /**
     * The rules of RFC 5465 §3.1, §5 and §6 whose violation is a tagged BAD. MessageNew and MessageExpunge go together
     * for the selected mailbox only, where one without the other would leave the client's sequence numbers wrong; for
     * other mailboxes either alone asks for STATUS on that change (the examples of verified erratum 2318 watch
     * {@code (mailboxes misc (MessageNew))}; Dovecot 2.3 accepts them too).
     */
    static Optional<String> violation(NotifySpec spec) {
        int selectedGroups = 0;
        for (NotifySpec.EventGroup group : spec.getGroups()) {
            boolean messageNew = group.has(NotifySpec.EventKind.MESSAGE_NEW);
            boolean messageExpunge = group.has(NotifySpec.EventKind.MESSAGE_EXPUNGE);
            boolean selected = group.getFilter().getKind().isSelected();
            if (selected && messageNew != messageExpunge) {
                return Optional.of("MessageNew and MessageExpunge must be requested together for the selected mailbox");
            }
            if ((group.has(NotifySpec.EventKind.FLAG_CHANGE) || group.has(NotifySpec.EventKind.ANNOTATION_CHANGE))
                && !(messageNew && messageExpunge)) {
                return Optional.of("FlagChange and AnnotationChange require MessageNew and MessageExpunge");
            }
            if (selected) {
                selectedGroups++;
                boolean onlyMessageEvents = group.getEvents().stream()
                    .allMatch(event -> event.getKind().map(NotifySpec.EventKind::isMessageEvent).orElse(false));
                if (!onlyMessageEvents) {
                    return Optional.of("selected and selected-delayed only take message events");
                }
            }
            Set<String> names = group.getEvents().stream().map(e -> e.getName().toLowerCase()).collect(Collectors.toSet());
            if (names.size() != group.getEvents().size()) {
                return Optional.of("an event is listed twice in one event group");
            }
        }
        if (selectedGroups > 1) {
            return Optional.of("at most one selected or selected-delayed filter");
        }
        return Optional.empty();
    }

    /** STATUS for every mailbox the spec watches for message events, the selected one excepted, before the OK. */
    private Mono<Boolean> statusIndicator(NotifySession notifySession, NotifyRequest request, Responder responder) {
        ImapSession session = notifySession.getImapSession();
        MailboxSession mailboxSession = session.getMailboxSession();
        Optional<MailboxId> selectedId = Optional.ofNullable(session.getSelected()).map(SelectedMailbox::getMailboxId);
        int max = configuration.getMaxStatusMailboxes();
        return getMailboxManager().search(MailboxQuery.builder().matchesAllMailboxNames().build(), MailboxManager.MailboxSearchFetchType.Minimal, mailboxSession)
            .filter(metaData -> selectedId.map(id -> !id.equals(metaData.getId())).orElse(true))
            .filter(metaData -> MESSAGE_EVENTS.stream().anyMatch(kind -> notifySession.matches(metaData.getPath(), metaData.getId(), kind)))
            .map(MailboxMetaData::getId)
            .take(max + 1L)
            .collectList()
            .flatMap(ids -> {
                if (ids.size() > max) {
                    notifySession.install(NotifySpec.NONE, this, List.of());
                    registry.deactivate(notifySession);
                    responder.respond(NotifyStatusResponse.taggedNo(request.getTag(), "NOTIFICATIONOVERFLOW",
                        "NOTIFY failed. More than " + max + " mailboxes for the STATUS indicator"));
                    return Mono.just(false);
                }
                return Flux.fromIterable(ids)
                    .concatMap(id -> status(notifySession, id))
                    .doOnNext(responder::respond)
                    .then(Mono.just(true));
            });
    }

    /** The STATUS notification of RFC 5465 §5.1-5.3 for a non-selected mailbox, read now from storage. */
    Mono<ImapResponseMessage> status(NotifySession notifySession, MailboxId mailboxId) {
        ImapSession session = notifySession.getImapSession();
        MailboxSession mailboxSession = session.getMailboxSession();
        if (mailboxSession == null) {
            return Mono.empty();
        }
        Set<Capability> enabled = EnableProcessor.getEnabledCapabilities(session);
        boolean modSeq = enabled.contains(ImapConstants.SUPPORTS_CONDSTORE) || enabled.contains(ImapConstants.SUPPORTS_QRESYNC);
        return Mono.from(getMailboxManager().getMailboxReactive(mailboxId, mailboxSession))
            .flatMap(messageManager -> allowed(notifySession, messageManager)
                .filter(allowed -> allowed)
                .flatMap(allowed -> registry.statusSnapshots().metaData(mailboxId, () -> metaData(messageManager, mailboxSession)))
                .map(metaData -> (ImapResponseMessage) new MailboxStatusResponse(null, null, null, null,
                    metaData.getMessageCount(), null, metaData.getUidNext(), modSeq ? metaData.getHighestModSeq() : null,
                    metaData.getUidValidity(), metaData.getUnseenCount(), notifySession.displayName(messageManager.getMailboxPath()), null)))
            .onErrorResume(e -> {
                LOGGER.debug("No STATUS notification for mailbox {}", mailboxId, e);
                return Mono.empty();
            });
    }

    private Mono<Boolean> allowed(NotifySession notifySession, MessageManager messageManager) {
        try {
            if (notifySession.isOwn(messageManager.getMailboxPath())) {
                return Mono.just(true);
            }
            return notifySession.mayRead(messageManager.getId(), this);
        } catch (Exception e) {
            return Mono.just(false);
        }
    }

    private Mono<MessageManager.MailboxMetaData> metaData(MessageManager messageManager, MailboxSession mailboxSession) {
        try {
            return messageManager.getMetaDataReactive(MessageManager.MailboxMetaData.RecentMode.IGNORE, mailboxSession,
                EnumSet.of(MessageManager.MailboxMetaData.Item.MailboxCounters, MessageManager.MailboxMetaData.Item.NextUid,
                    MessageManager.MailboxMetaData.Item.HighestModSeq));
        } catch (Exception e) {
            return Mono.error(e);
        }
    }

    Mono<Boolean> canLookupAndRead(MailboxId mailboxId, MailboxSession mailboxSession) {
        return Mono.from(getMailboxManager().myRights(mailboxId, mailboxSession))
            .map(rights -> rights.contains(MailboxACL.Right.Lookup) && rights.contains(MailboxACL.Right.Read))
            .onErrorResume(e -> Mono.just(false))
            .defaultIfEmpty(false);
    }

    /** RFC 5465 §5.1: the MessageNew fetch attributes of the messages just announced, from sequence number {@code firstNew}. */
    Mono<Void> fetchNew(ImapSession session, NotifySpec.EventGroup group, Responder out, int firstNew) {
        SelectedMailbox selected = session.getSelected();
        Optional<FetchData> fetchData = group.event(NotifySpec.EventKind.MESSAGE_NEW).flatMap(NotifySpec.Event::getFetchData);
        if (selected == null || fetchData.isEmpty() || fetchProcessor == null || firstNew > selected.existsCount()) {
            return Mono.empty();
        }
        // a sequence-number FETCH: no EXPUNGE in its responses (RFC 3501 §7.4.1); the parser added UID
        FetchRequest fetch = new FetchRequest(false, new IdRange[] {new IdRange(firstNew, selected.existsCount())}, fetchData.get(), new Tag("NOTIFY"));
        Responder withoutStatus = filtering(out, message -> !(message instanceof StatusResponse));
        return fetchProcessor.processReactive(fetch, withoutStatus, session);
    }

    private static Responder filtering(Responder delegate, java.util.function.Predicate<ImapResponseMessage> keep) {
        return new Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                if (keep.test(message)) {
                    delegate.respond(message);
                }
            }

            @Override
            public void flush() {
                delegate.flush();
            }
        };
    }

    @Override
    protected MDCBuilder mdc(NotifyRequest request) {
        return MDCBuilder.create()
            .addToContext(MDCBuilder.ACTION, "NOTIFY")
            .addToContext("notify", request.getSpec().toString());
    }

    static List<String> names(List<NotifySpec.Event> events) {
        List<String> names = new ArrayList<>();
        events.forEach(e -> names.add(e.getName()));
        return names;
    }
}
