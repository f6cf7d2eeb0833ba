package io.syncstore.imap.condstore;

import javax.inject.Inject;

import org.apache.james.events.EventBus;
import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.AbstractMailboxSelectionRequest.ClientSpecifiedUidValidity;
import org.apache.james.imap.message.request.SelectRequest;
import org.apache.james.imap.processor.SelectProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/** James's SELECT with an exact QRESYNC resynchronization ({@link QresyncSelection}). */
public class CondstoreSelectProcessor extends SelectProcessor {
    private final QresyncSelection<SelectRequest> qresync;

    @Inject
    public CondstoreSelectProcessor(MailboxManager mailboxManager, EventBus eventBus, StatusResponseFactory statusResponseFactory,
                                    MetricFactory metricFactory) {
        super(mailboxManager, eventBus, statusResponseFactory, metricFactory);
        this.qresync = new QresyncSelection<>(mailboxManager, statusResponseFactory, request -> new SelectRequest(request.getMailboxName(),
            request.getCondstore(), ClientSpecifiedUidValidity.UNKNOWN, null, null, null, null, request.getTag()));
    }

    @Override
    public void configure(ImapConfiguration configuration) {
        super.configure(configuration);
        qresync.configure(configuration);
    }

    @Override
    protected Mono<Void> processRequestReactive(SelectRequest request, ImapSession session, Responder responder) {
        return qresync.process(request, session, responder,
            (selection, out) -> super.processRequestReactive(selection, session, out));
    }
}
