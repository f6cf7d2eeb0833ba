package io.syncstore.imap.urlauth;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;

import io.syncstore.api.UrlAuthKeys;

import reactor.core.publisher.Mono;

/** URLMECH (RFC 4467 §6.4): {@code * URLMECH INTERNAL}, the one mechanism GENURLAUTH signs with. */
public class UrlMechProcessor extends UrlAuthProcessor<UrlMechRequest> {
    @Inject
    public UrlMechProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                            OfferedUrlAuthKeys keys) {
        super(UrlMechRequest.class, mailboxManager, factory, metricFactory, keys);
    }

    @Override
    Mono<Void> process(UrlMechRequest request, UrlAuthKeys keys, ImapSession session, Responder responder) {
        return Mono.fromRunnable(() -> {
            responder.respond(UrlAuthResponse.mechanisms(UrlAuthToken.MECHANISM));
            okComplete(request, responder);
        });
    }

    @Override
    protected MDCBuilder mdc(UrlMechRequest request) {
        return MDCBuilder.create().addToContext(MDCBuilder.ACTION, "URLMECH");
    }
}
