package io.syncstore.imap.selected;

import javax.inject.Inject;

import org.apache.james.events.EventBus;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.MailboxTyper;
import org.apache.james.imap.message.request.ExamineRequest;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

/** EXAMINE: read-only, leaves \Recent as it is. */
public class ExamineCommandProcessor extends SelectionProcessor<ExamineRequest> {
    @Inject
    public ExamineCommandProcessor(MailboxManager mailboxManager, EventBus eventBus, MailboxTyper mailboxTyper,
                                 StatusResponseFactory factory, MetricFactory metricFactory) {
        super(ExamineRequest.class, mailboxManager, eventBus, mailboxTyper, factory, metricFactory, true);
    }
}
