package io.syncstore.imap.list;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.response.AbstractListingResponse;
import org.apache.james.imap.processor.base.AbstractProcessor;
import org.apache.james.util.MDCBuilder;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers a {@link MultiPatternListRequest}: James's LIST processor runs once per pattern; each mailbox is listed
 * once (RFC 5258 §3), the per-pattern tagged responses are held back, and the command ends with one tagged OK (or
 * the first failure).
 */
public class MultiPatternListProcessor extends AbstractProcessor<MultiPatternListRequest> {
    private final StatusResponseFactory factory;
    private volatile ImapProcessor listProcessor;

    @Inject
    public MultiPatternListProcessor(StatusResponseFactory factory) {
        super(MultiPatternListRequest.class);
        this.factory = factory;
    }

    /** Set by the processor chain: the processor of plain LIST requests. */
    public void setListProcessor(ImapProcessor listProcessor) {
        this.listProcessor = listProcessor;
    }

    @Override
    protected Mono<Void> doProcess(MultiPatternListRequest request, Responder responder, ImapSession session) {
        Set<String> listed = ConcurrentHashMap.newKeySet();
        StatusResponse[] failure = new StatusResponse[1];
        Responder filtering = new Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                if (message instanceof StatusResponse && ((StatusResponse) message).getTag() != null) {
                    StatusResponse status = (StatusResponse) message;
                    if (status.getServerResponseType() != StatusResponse.Type.OK && failure[0] == null) {
                        failure[0] = status;
                    }
                    return;
                }
                if (message instanceof AbstractListingResponse && !listed.add(((AbstractListingResponse) message).getName())) {
                    return;
                }
                responder.respond(message);
            }

            @Override
            public void flush() {
                responder.flush();
            }
        };
        return Flux.fromIterable(request.getPatterns())
            .concatMap(pattern -> listProcessor.processReactive(pattern, filtering, session))
            .then(Mono.fromRunnable(() -> responder.respond(failure[0] != null ? failure[0]
                : factory.taggedOk(request.getTag(), request.getCommand(), HumanReadableText.COMPLETED))));
    }

    @Override
    protected MDCBuilder mdc(MultiPatternListRequest message) {
        return MDCBuilder.create().addToContext(MDCBuilder.ACTION, message.getCommand().getName());
    }
}
