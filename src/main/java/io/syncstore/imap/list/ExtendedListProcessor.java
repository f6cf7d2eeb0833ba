package io.syncstore.imap.list;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.imap.api.display.ModifiedUtf7;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.MailboxTyper;
import org.apache.james.imap.message.request.ListRequest;
import org.apache.james.imap.message.response.ListResponse;
import org.apache.james.imap.processor.ListProcessor;
import org.apache.james.imap.processor.StatusProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.mailbox.exception.SubscriptionException;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.mailbox.model.search.PrefixedRegex;
import org.apache.james.metrics.api.MetricFactory;

import io.syncstore.imap.specialuse.SpecialUses;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's LIST, with two changes. {@code CHILDINFO} of {@code LIST (SUBSCRIBED RECURSIVEMATCH)} as RFC 5258 §3.5
 * (and Dovecot) give it: a mailbox that is not subscribed is listed for its subscribed descendants only when one of
 * them does not match the pattern (otherwise they are listed themselves); James 3.8.1 lists every matching parent of
 * a subscribed mailbox. And special uses (RFC 6154) come from the mailbox's annotation set by CREATE-SPECIAL-USE
 * before James's names ({@link SpecialUses}).
 */
public class ExtendedListProcessor extends ListProcessor<ListRequest> {
    private final SubscriptionManager subscriptions;

    @Inject
    public ExtendedListProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                       SubscriptionManager subscriptionManager, StatusProcessor statusProcessor, MailboxTyper mailboxTyper) {
        super(mailboxManager, factory, metricFactory, subscriptionManager, statusProcessor,
            SpecialUses.typer(mailboxTyper));
        this.subscriptions = subscriptionManager;
    }

    @Override
    protected Mono<Void> processRequestReactive(ListRequest request, ImapSession session, Responder responder) {
        if (!request.getReturnOptions().contains(ListRequest.ListReturnOption.SPECIAL_USE)) {
            return listing(request, session, responder);
        }
        return SpecialUses.load(getMailboxManager(), session.getMailboxSession())
            .flatMap(uses -> {
                session.setAttribute(SpecialUses.ATTRIBUTE, uses);
                return listing(request, session, responder);
            })
            .doFinally(signal -> session.setAttribute(SpecialUses.ATTRIBUTE, null));
    }

    private Mono<Void> listing(ListRequest request, ImapSession session, Responder responder) {
        boolean personalPattern = !request.getBaseReferenceName().startsWith(String.valueOf(MailboxConstants.NAMESPACE_PREFIX_CHAR))
            && !request.getMailboxPattern().startsWith(String.valueOf(MailboxConstants.NAMESPACE_PREFIX_CHAR));
        if (!request.selectSubscribed() || !request.getSelectOptions().contains(ListRequest.ListSelectOption.RECURSIVEMATCH)
            || request.getMailboxPattern().isEmpty() || !personalPattern) {
            return super.processRequestReactive(request, session, responder);
        }
        MailboxSession mailboxSession = session.getMailboxSession();
        return subscribed(mailboxSession)
            .flatMap(subscribed -> super.processRequestReactive(request, session,
                new ChildInfoResponder(responder, subscribed, query(request, mailboxSession), mailboxSession.getPathDelimiter())));
    }

    private Mono<List<MailboxPath>> subscribed(MailboxSession mailboxSession) {
        try {
            return Flux.from(subscriptions.subscriptionsReactive(mailboxSession)).collectList();
        } catch (SubscriptionException e) {
            return Mono.error(e);
        }
    }

    private static MailboxQuery query(ListRequest request, MailboxSession session) {
        MailboxPath base = MailboxPath.forUser(session.getUser(), ModifiedUtf7.decodeModifiedUTF7(request.getBaseReferenceName()));
        return MailboxQuery.builder()
            .userAndNamespaceFrom(base)
            .expression(new PrefixedRegex(base.getName(), ModifiedUtf7.decodeModifiedUTF7(request.getMailboxPattern()),
                session.getPathDelimiter()))
            .build();
    }

    private static final class ChildInfoResponder implements Responder {
        private final Responder delegate;
        private final List<MailboxPath> subscribed;
        private final MailboxQuery query;
        private final char delimiter;

        ChildInfoResponder(Responder delegate, List<MailboxPath> subscribed, MailboxQuery query, char delimiter) {
            this.delegate = delegate;
            this.subscribed = subscribed;
            this.query = query;
            this.delimiter = delimiter;
        }

        @Override
        public void respond(ImapResponseMessage message) {
            if (message instanceof ListResponse && listedOnlyForDescendantsListedAnyway((ListResponse) message)) {
                return;
            }
            delegate.respond(message);
        }

        private boolean listedOnlyForDescendantsListedAnyway(ListResponse response) {
            if (response.isReturnSubscribed() || !response.getChildInfos().contains(ListResponse.ChildInfo.SUBSCRIBED)) {
                return false;
            }
            String prefix = response.getName() + delimiter;
            return subscribed.stream()
                .filter(path -> path.getName().startsWith(prefix))
                .allMatch(query::isPathMatch);
        }

        @Override
        public void flush() {
            delegate.flush();
        }
    }
}
