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
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.metrics.api.MetricFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.imap.notify.NotifyStatusResponse;
import reactor.core.publisher.Mono;

/**
 * CREATE-SPECIAL-USE (RFC 6154 §3): James's CREATE, then the use stored as the mailbox's {@code /private/specialuse}
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
    protected Mono<Void> processRequestReactive(CreateRequest request, ImapSession session, Responder responder) {
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
        return super.processRequestReactive(request, session, new Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                if (isTaggedOk(message)) {
                    try {
                        SpecialUses.set(getMailboxManager(), PathConverter.forSession(session).buildFullPath(request.getMailboxName()),
                            session, type.get());
                    } catch (MailboxException e) {
                        LOGGER.error("Special use of {} not stored", request.getMailboxName(), e);
                        responder.respond(factory.taggedNo(request.getTag(), request.getCommand(),
                            HumanReadableText.GENERIC_FAILURE_DURING_PROCESSING));
                        return;
                    }
                }
                responder.respond(message);
            }

            @Override
            public void flush() {
                responder.flush();
            }
        });
    }

    private static boolean isTaggedOk(ImapResponseMessage message) {
        return message instanceof StatusResponse && ((StatusResponse) message).getTag() != null
            && ((StatusResponse) message).getServerResponseType() == StatusResponse.Type.OK;
    }
}
