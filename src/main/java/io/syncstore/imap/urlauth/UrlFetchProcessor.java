package io.syncstore.imap.urlauth;

import java.time.Clock;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;

import io.syncstore.api.UrlAuthKeys;
import io.syncstore.reactive.Blocking;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * URLFETCH (RFC 4467 §6.3): the octets of each authorized URL this user may use, NIL for any other (a token that does
 * not match, an access identifier naming someone else, an EXPIRE passed, a key reset, a message gone).
 */
public class UrlFetchProcessor extends UrlAuthProcessor<UrlFetchRequest> {
    private final UrlReader reader;

    @Inject
    public UrlFetchProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                             OfferedUrlAuthKeys keys, Clock clock) {
        super(UrlFetchRequest.class, mailboxManager, factory, metricFactory, keys);
        this.reader = new UrlReader(mailboxManager, keys.get(), clock);
    }

    @Override
    Mono<Void> process(UrlFetchRequest request, UrlAuthKeys keys, ImapSession session, Responder responder) {
        return Flux.fromIterable(request.urls())
            .concatMap(url -> Blocking.call(() -> Optional.of(reader.readAuthorized(url, session.getUserName())))
                .onErrorResume(BadUrlException.class, e -> Mono.just(Optional.empty())))
            .collectList()
            .doOnNext(contents -> {
                responder.respond(UrlAuthResponse.fetched(request.urls(), contents));
                okComplete(request, responder);
            })
            .then();
    }

    @Override
    protected MDCBuilder mdc(UrlFetchRequest request) {
        return MDCBuilder.create().addToContext(MDCBuilder.ACTION, "URLFETCH");
    }
}
