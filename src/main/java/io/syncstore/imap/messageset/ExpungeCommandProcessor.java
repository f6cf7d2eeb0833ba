package io.syncstore.imap.messageset;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.ExpungeRequest;
import org.apache.james.imap.processor.ExpungeProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/**
 * EXPUNGE as James's, but UID EXPUNGE in an empty mailbox expunges nothing and answers OK ({@link EmptyView}), or NO
 * without the right to expunge, as any EXPUNGE.
 */
public class ExpungeCommandProcessor extends ExpungeProcessor {
    @Inject
    public ExpungeCommandProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(ExpungeRequest request, ImapSession session, Responder responder) {
        if (!EmptyView.namesNothing(request.getUidSet() != null, session)) {
            return super.processRequestReactive(request, session, responder);
        }
        return getSelectedMailboxReactive(session)
            .flatMap(mailbox -> Mono.fromCallable(() -> getMailboxManager().hasRight(mailbox.getMailboxEntity(),
                MailboxACL.Right.PerformExpunge, session.getMailboxSession())))
            .flatMap(mayExpunge -> {
                if (!mayExpunge) {
                    no(request, responder, HumanReadableText.MAILBOX_IS_READ_ONLY);
                    return Mono.empty();
                }
                return unsolicitedResponses(session, responder, true).then(Mono.fromRunnable(() -> okComplete(request, responder)));
            });
    }
}
