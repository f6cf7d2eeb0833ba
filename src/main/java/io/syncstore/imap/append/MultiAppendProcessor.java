package io.syncstore.imap.append;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.UidRange;
import org.apache.james.imap.api.message.response.StatusResponse.ResponseCode;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.main.PathConverter;
import org.apache.james.imap.processor.AbstractMailboxProcessor;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.exception.OverQuotaException;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

import io.syncstore.api.AtomicAppends;
import io.syncstore.imap.channel.Framing;
import io.syncstore.imap.selected.SelectedState;
import io.syncstore.imap.selected.SelectedStates;
import io.syncstore.imap.urlauth.BadUrlException;
import io.syncstore.imap.urlauth.OfferedUrlAuthKeys;
import io.syncstore.imap.urlauth.UrlReader;
import io.syncstore.reactive.Blocking;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * MULTIAPPEND (RFC 3502): the messages of one APPEND are stored all or none. The tagged OK carries one APPENDUID with
 * the UIDs of all (RFC 4315 §3). A mailbox that offers {@link AtomicAppends} (SyncStore's) stores them in one
 * transaction and announces them together; with any other, they are stored in order, and if one cannot be, those
 * already stored are deleted again before the command is answered NO.
 *
 * <p>A message of a CATENATE (RFC 4469) is put together before anything is stored: a URL this user cannot read
 * answers {@code NO [BADURL url]} and stores none of the messages.</p>
 *
 * <p>James's {@code MessageManager} stores one message per call and announces each on the event bus as it is stored,
 * so without {@link AtomicAppends} the rollback is a compensation, not a transaction: until it is done, another
 * connection may be told of the messages stored so far (EXISTS, then EXPUNGE) and may fetch them.</p>
 */
public class MultiAppendProcessor extends AbstractMailboxProcessor<MultiAppendRequest> implements CapabilityImplementingProcessor {
    private static final Logger LOGGER = LoggerFactory.getLogger(MultiAppendProcessor.class);
    private static final List<Capability> CAPABILITIES = ImmutableList.of(Capability.of("MULTIAPPEND"),
        Capability.of("CATENATE"), Capability.of("URL-PARTIAL"));
    private static final String BADURL = "io.syncstore.imap.BADURL";

    private final StatusResponseFactory factory;
    private final UrlReader urls;

    @Inject
    public MultiAppendProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                OfferedUrlAuthKeys urlAuthKeys, Clock clock) {
        super(MultiAppendRequest.class, mailboxManager, factory, metricFactory);
        this.factory = factory;
        this.urls = new UrlReader(mailboxManager, urlAuthKeys.get(), clock);
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return Framing.wholeCommands(session) ? CAPABILITIES : ImmutableList.of();
    }

    @Override
    protected Mono<Void> processRequestReactive(MultiAppendRequest request, ImapSession session, Responder responder) {
        MailboxPath path = PathConverter.forSession(session).buildFullPath(request.mailboxName());
        session.stopDetectingCommandInjection();
        return Mono.from(getMailboxManager().getMailboxReactive(path, session.getMailboxSession()))
            .flatMap(mailbox -> appendAll(request, mailbox, session, responder))
            .onErrorResume(BadUrlException.class, e -> Mono.fromRunnable(() ->
                responder.respond(factory.taggedNo(request.getTag(), null, badUrl(e.url())))))
            .onErrorResume(NulInTextException.class, e -> Mono.fromRunnable(() ->
                no(request, responder, new HumanReadableText("io.syncstore.imap.CATENATE_NUL", "CATENATE TEXT holds a NUL octet"))))
            .onErrorResume(MailboxNotFoundException.class, e -> Mono.fromRunnable(() ->
                no(request, responder, HumanReadableText.FAILURE_NO_SUCH_MAILBOX, ResponseCode.tryCreate())))
            .onErrorResume(OverQuotaException.class, e -> Mono.fromRunnable(() ->
                no(request, responder, HumanReadableText.FAILURE_OVERQUOTA, ResponseCode.overQuota())))
            .onErrorResume(MailboxException.class, e -> Mono.fromRunnable(() -> {
                LOGGER.error("MULTIAPPEND to {} failed, nothing kept", path, e);
                no(request, responder, HumanReadableText.GENERIC_FAILURE_DURING_PROCESSING);
            }));
    }

    private Mono<Void> appendAll(MultiAppendRequest request, MessageManager mailbox, ImapSession session, Responder responder) {
        MailboxSession mailboxSession = session.getMailboxSession();
        SelectedMailbox selected = session.getSelected();
        boolean intoSelected = selected != null && selected.getMailboxId().equals(mailbox.getId());
        boolean claimedHere = intoSelected && SelectedStates.of(session).map(SelectedState::claimsRecent).orElse(true);
        List<MessageUid> stored = new CopyOnWriteArrayList<>();
        Catenation catenation = new Catenation(urls, session);
        return Flux.fromIterable(request.messages())
            .concatMap(message -> message.isCatenation()
                // a URL is read with James's blocking calls, off the connection's thread
                ? Blocking.call(() -> appendCommand(message, claimedHere, catenation))
                : Mono.fromCallable(() -> appendCommand(message, claimedHere, catenation)))
            .collectList()
            .flatMap(commands -> store(mailbox, commands, mailboxSession, stored))
            .then(Mono.defer(() -> {
                if (intoSelected) {
                    stored.forEach(selected::addRecent);
                }
                return unsolicitedResponses(session, responder, false);
            }))
            .then(Mono.fromCallable(() -> mailbox.getMailboxEntity().getUidValidity()))
            .doOnNext(uidValidity -> okComplete(request, ResponseCode.appendUid(uidValidity, ranges(stored)), responder))
            .doFinally(signal -> catenation.release())
            .then();
    }

    private static Mono<Void> store(MessageManager mailbox, List<MessageManager.AppendCommand> commands,
                                    MailboxSession session, List<MessageUid> stored) {
        if (mailbox instanceof AtomicAppends) {
            return ((AtomicAppends) mailbox).appendAll(commands, session)
                .doOnNext(results -> results.forEach(result -> stored.add(result.getId().getUid())))
                .then();
        }
        return Flux.fromIterable(commands)
            .concatMap(command -> Mono.from(mailbox.appendMessageReactive(command, session)))
            .doOnNext(result -> stored.add(result.getId().getUid()))
            .then()
            .onErrorResume(failure -> rollBack(mailbox, stored, session).then(Mono.error(failure)));
    }

    private static MessageManager.AppendCommand appendCommand(AppendedMessage message, boolean claimedHere,
                                                            Catenation catenation) throws Exception {
        MessageManager.AppendCommand.Builder builder = MessageManager.AppendCommand.builder()
            .withInternalDate(message.internalDate())
            .withFlags(message.flags())
            .isRecent(!claimedHere);
        return message.isCatenation()
            ? builder.build(catenation.assemble(message))
            : builder.build(message.content().asMailboxContent());
    }

    /**
     * James 3.8.1 cannot make a BADURL response code (RFC 4469 §6): it goes in the text, and the command name James
     * would write before the text is left out so that the code comes first. The URL is written as sent, as the code's
     * grammar asks (no quotes), with the octets it does not allow there percent-encoded.
     */
    private static HumanReadableText badUrl(String url) {
        String text = url.replace("\\", "%5C").replace("]", "%5D");
        return new HumanReadableText(BADURL, "[BADURL " + text + "] CATENATE URL cannot be read");
    }

    private static Mono<Void> rollBack(MessageManager mailbox, List<MessageUid> stored, MailboxSession session) {
        if (stored.isEmpty()) {
            return Mono.empty();
        }
        return mailbox.deleteReactive(ImmutableList.copyOf(stored), session)
            .onErrorResume(failure -> Mono.fromRunnable(() ->
                LOGGER.error("MULTIAPPEND could not take back the messages {} it stored", stored, failure)));
    }

    private static UidRange[] ranges(List<MessageUid> uids) {
        return UidRange.mergeRanges(uids.stream().map(UidRange::new).collect(ImmutableList.toImmutableList()))
            .toArray(UidRange[]::new);
    }

    @Override
    protected MDCBuilder mdc(MultiAppendRequest request) {
        return MDCBuilder.create()
            .addToContext(MDCBuilder.ACTION, "MULTIAPPEND")
            .addToContext("mailbox", request.mailboxName());
    }
}
