package io.syncstore.imap.messageset;

import java.util.EnumSet;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.StoreRequest;
import org.apache.james.imap.processor.StoreProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.metrics.api.MetricFactory;

import com.github.fge.lambdas.Throwing;

import reactor.core.publisher.Mono;

/**
 * STORE as James's, but UID STORE in an empty mailbox changes nothing and answers OK ({@link EmptyView}), having
 * enabled CONDSTORE if it asked UNCHANGEDSINCE.
 */
public class StoreCommandProcessor extends StoreProcessor {
    @Inject
    public StoreCommandProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(StoreRequest request, ImapSession session, Responder responder) {
        if (EmptyView.namesNothing(request.isUseUids(), session)) {
            return condstoreEnabledBy(request, session, responder)
                .then(unsolicitedResponses(session, responder, true))
                .then(Mono.fromRunnable(() -> okComplete(request, responder)));
        }
        return super.processRequestReactive(request, session, responder);
    }

    /** UNCHANGEDSINCE makes STORE a CONDSTORE-enabling command (RFC 7162 §3.1), even when it changes nothing. */
    private Mono<Void> condstoreEnabledBy(StoreRequest request, ImapSession session, Responder responder) {
        if (request.getUnchangedSince() == -1) {
            return Mono.empty();
        }
        return getSelectedMailboxReactive(session)
            .flatMap(Throwing.<MessageManager, Mono<MessageManager.MailboxMetaData>>function(mailbox -> mailbox.getMetaDataReactive(
                MessageManager.MailboxMetaData.RecentMode.IGNORE, session.getMailboxSession(),
                EnumSet.of(MessageManager.MailboxMetaData.Item.HighestModSeq))).sneakyThrow())
            .doOnNext(metaData -> condstoreEnablingCommand(session, responder, metaData, true))
            .then();
    }
}
