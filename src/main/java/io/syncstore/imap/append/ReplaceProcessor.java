package io.syncstore.imap.append;

import java.util.List;
import java.util.Optional;

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

import io.syncstore.imap.selected.SelectedState;
import io.syncstore.imap.selected.SelectedStates;

import reactor.core.publisher.Mono;

/**
 * REPLACE and UID REPLACE (RFC 8508): the new message is appended to the named mailbox ({@code * OK [APPENDUID]}),
 * then the replaced one is expunged from the selected mailbox (its EXPUNGE or VANISHED follows), then the tagged OK.
 * If the append fails, the replaced message stays.
 */
public class ReplaceProcessor extends AbstractMailboxProcessor<ReplaceRequest> implements CapabilityImplementingProcessor {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReplaceProcessor.class);
    private static final List<Capability> CAPABILITIES = ImmutableList.of(Capability.of("REPLACE"));
    private static final HumanReadableText NO_SUCH_MESSAGE = new HumanReadableText(
        "io.syncstore.imap.REPLACE_NO_SUCH_MESSAGE", "No such message to replace");
    private static final HumanReadableText REPLACEMENT_STORED = new HumanReadableText(
        "io.syncstore.imap.REPLACEMENT_STORED", "Replacement message stored");

    @Inject
    public ReplaceProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(ReplaceRequest.class, mailboxManager, factory, metricFactory);
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return CAPABILITIES;
    }

    @Override
    protected Mono<Void> processRequestReactive(ReplaceRequest request, ImapSession session, Responder responder) {
        SelectedMailbox selected = session.getSelected();
        Optional<MessageUid> replaced = replacedUid(request, selected);
        if (replaced.isEmpty()) {
            no(request, responder, NO_SUCH_MESSAGE);
            return Mono.empty();
        }
        MailboxPath path = PathConverter.forSession(session).buildFullPath(request.mailboxName());
        session.stopDetectingCommandInjection();
        return Mono.from(getMailboxManager().getMailboxReactive(path, session.getMailboxSession()))
            .flatMap(target -> replace(request, replaced.get(), target, selected, session, responder))
            .onErrorResume(MailboxNotFoundException.class, e -> Mono.fromRunnable(() ->
                no(request, responder, HumanReadableText.FAILURE_NO_SUCH_MAILBOX, ResponseCode.tryCreate())))
            .onErrorResume(OverQuotaException.class, e -> Mono.fromRunnable(() ->
                no(request, responder, HumanReadableText.FAILURE_OVERQUOTA, ResponseCode.overQuota())))
            .onErrorResume(MailboxException.class, e -> Mono.fromRunnable(() -> {
                LOGGER.error("REPLACE into {} failed", path, e);
                no(request, responder, HumanReadableText.GENERIC_FAILURE_DURING_PROCESSING);
            }));
    }

    private static Optional<MessageUid> replacedUid(ReplaceRequest request, SelectedMailbox selected) {
        if (request.useUid()) {
            MessageUid uid = MessageUid.of(request.replaced());
            return selected.msn(uid).asInt().map(any -> uid);
        }
        return request.replaced() > Integer.MAX_VALUE ? Optional.empty() : selected.uid((int) request.replaced());
    }

    private Mono<Void> replace(ReplaceRequest request, MessageUid replaced, MessageManager target, SelectedMailbox selected,
                               ImapSession session, Responder responder) {
        MailboxSession mailboxSession = session.getMailboxSession();
        boolean intoSelected = selected.getMailboxId().equals(target.getId());
        boolean claimedHere = intoSelected && SelectedStates.of(session).map(SelectedState::claimsRecent).orElse(true);
        AppendedMessage message = request.message();
        return Mono.from(target.appendMessageReactive(MessageManager.AppendCommand.builder()
                .withInternalDate(message.internalDate())
                .withFlags(message.flags())
                .isRecent(!claimedHere)
                .build(message.content().asMailboxContent()), mailboxSession))
            .map(result -> result.getId().getUid())
            .flatMap(stored -> Mono.fromCallable(() -> {
                if (intoSelected) {
                    selected.addRecent(stored);
                }
                ResponseCode appendUid = ResponseCode.appendUid(target.getMailboxEntity().getUidValidity(),
                    new UidRange[] {new UidRange(stored)});
                responder.respond(getStatusResponseFactory().untaggedOk(REPLACEMENT_STORED, appendUid));
                return stored;
            }))
            .then(getSelectedMailboxReactive(session))
            .flatMap(source -> source.deleteReactive(ImmutableList.of(replaced), mailboxSession))
            .then(Mono.defer(() -> unsolicitedResponses(session, responder, request.useUid())))
            .then(Mono.fromRunnable(() -> okComplete(request, responder)));
    }

    @Override
    protected MDCBuilder mdc(ReplaceRequest request) {
        return MDCBuilder.create()
            .addToContext(MDCBuilder.ACTION, "REPLACE")
            .addToContext("mailbox", request.mailboxName());
    }
}
