package io.syncstore.imap.specialuse;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.MailboxType;
import org.apache.james.imap.main.PathConverter;
import org.apache.james.imap.message.request.CreateRequest;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.imap.processor.CreateProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.metrics.api.MetricFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.imap.names.NormalizedNames;
import io.syncstore.imap.notify.NotifyStatusResponse;
import reactor.core.publisher.Mono;

/**
 * CREATE-SPECIAL-USE (RFC 6154 §3) and the OLDNAME of a normalized name (RFC 9051 §6.3.4, {@link NormalizedNames}):
 * James's CREATE, then the use stored as the mailbox's {@code /private/specialuse}
 * annotation before the tagged OK. One use per mailbox, among {@code \All \Archive \Drafts \Flagged \Junk \Sent
 * \Trash}; anything else is {@code NO [USEATTR]} and creates nothing.
 */
public class SpecialUseCreateProcessor extends CreateProcessor implements CapabilityImplementingProcessor {
    private static final Logger LOGGER = LoggerFactory.getLogger(SpecialUseCreateProcessor.class);
    private static final List<Capability> CAPABILITY = List.of(Capability.of("CREATE-SPECIAL-USE"));

    private final StatusResponseFactory factory;

    @Inject
    public SpecialUseCreateProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
        this.factory = factory;
    }

    /** The chain dispatches on the request's exact class. */
    @Override
    public List<Class<? extends CreateRequest>> acceptableClasses() {
        return List.of(CreateRequest.class, SpecialUseCreateRequest.class);
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return CAPABILITY;
    }

    @Override
    protected Mono<Void> processRequestReactive(CreateRequest request, ImapSession session, Responder client) {
        Optional<String> asWritten = request instanceof SpecialUseCreateRequest
            ? ((SpecialUseCreateRequest) request).getNameAsWritten() : Optional.empty();
        Responder responder = NormalizedNames.telling(client, session, request.getMailboxName(), asWritten);
        if (!(request instanceof SpecialUseCreateRequest) || ((SpecialUseCreateRequest) request).getUses().isEmpty()) {
            return super.processRequestReactive(request, session, responder);
        }
        List<String> uses = ((SpecialUseCreateRequest) request).getUses();
        Optional<MailboxType> type = uses.size() == 1 ? SpecialUses.typeOf(uses.get(0)) : Optional.empty();
        if (type.isEmpty()) {
            responder.respond(NotifyStatusResponse.taggedNo(request.getTag(), "USEATTR",
                "CREATE failed. One special use of \\All \\Archive \\Drafts \\Flagged \\Junk \\Sent \\Trash per mailbox"));
            return Mono.empty();
        }
        HoldingTaggedOk holding = new HoldingTaggedOk(responder);
        return super.processRequestReactive(request, session, holding)
            .then(Mono.defer(() -> holding.heldOk()
                .map(ok -> Mono.from(getMailboxManager().updateAnnotationsReactive(
                        PathConverter.forSession(session).buildFullPath(request.getMailboxName()), session.getMailboxSession(),
                        List.of(MailboxAnnotation.newInstance(SpecialUses.KEY, type.get().getRfc6154attributeName()))))
                    .then(Mono.fromRunnable(() -> responder.respond(ok)))
                    .onErrorResume(e -> {
                        LOGGER.error("Special use of {} not stored", request.getMailboxName(), e);
                        responder.respond(factory.taggedNo(request.getTag(), request.getCommand(),
                            HumanReadableText.GENERIC_FAILURE_DURING_PROCESSING));
                        return Mono.empty();
                    })
                    .then())
                .orElse(Mono.empty())));
    }

    /** Passes every response on but the tagged OK, which waits until the use is stored. */
    private static final class HoldingTaggedOk implements Responder {
        private final Responder delegate;
        private volatile ImapResponseMessage heldOk;

        HoldingTaggedOk(Responder delegate) {
            this.delegate = delegate;
        }

        @Override
        public void respond(ImapResponseMessage message) {
            if (isTaggedOk(message)) {
                heldOk = message;
                return;
            }
            delegate.respond(message);
        }

        @Override
        public void flush() {
            delegate.flush();
        }

        Optional<ImapResponseMessage> heldOk() {
            return Optional.ofNullable(heldOk);
        }
    }

    private static boolean isTaggedOk(ImapResponseMessage message) {
        return message instanceof StatusResponse && ((StatusResponse) message).getTag() != null
            && ((StatusResponse) message).getServerResponseType() == StatusResponse.Type.OK;
    }
}
