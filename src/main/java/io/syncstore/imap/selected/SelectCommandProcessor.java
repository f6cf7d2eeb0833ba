package io.syncstore.imap.selected;

import javax.inject.Inject;

import org.apache.james.events.EventBus;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.MailboxTyper;
import org.apache.james.imap.message.request.SelectRequest;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

/** SELECT: read-write, clears \Recent. */
public class SelectCommandProcessor extends SelectionProcessor<SelectRequest> {
    @Inject
    public SelectCommandProcessor(MailboxManager mailboxManager, EventBus eventBus, MailboxTyper mailboxTyper,
                                 StatusResponseFactory factory, MetricFactory metricFactory) {
        super(SelectRequest.class, mailboxManager, eventBus, mailboxTyper, factory, metricFactory, false);
    }
}
