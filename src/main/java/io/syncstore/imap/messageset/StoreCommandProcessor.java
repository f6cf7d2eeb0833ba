package io.syncstore.imap.messageset;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.StoreRequest;
import org.apache.james.imap.processor.StoreProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/** STORE as James's, but UID STORE in an empty mailbox changes nothing and answers OK ({@link EmptyView}). */
public class StoreCommandProcessor extends StoreProcessor {
    @Inject
    public StoreCommandProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(StoreRequest request, ImapSession session, Responder responder) {
        if (EmptyView.namesNothing(request.isUseUids(), session)) {
            return unsolicitedResponses(session, responder, true).then(Mono.fromRunnable(() -> okComplete(request, responder)));
        }
        return super.processRequestReactive(request, session, responder);
    }
}
