package io.syncstore.imap.urlauth;

import java.util.Optional;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.AbstractMailboxProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import io.syncstore.api.UrlAuthKeys;

import reactor.core.publisher.Mono;

/**
 * A command of URLAUTH (RFC 4467), answered only where a backend keeps mailbox access keys ({@link UrlAuthKeys}
 * bound): elsewhere URLAUTH is not offered and its commands are BAD, as unknown commands are.
 */
abstract class UrlAuthProcessor<R extends ImapRequest> extends AbstractMailboxProcessor<R> {
    private static final HumanReadableText NOT_OFFERED = new HumanReadableText("io.syncstore.imap.URLAUTH_NOT_OFFERED",
        "URLAUTH is not offered by this server");

    private final Optional<UrlAuthKeys> keys;

    UrlAuthProcessor(Class<R> acceptableClass, MailboxManager mailboxManager, StatusResponseFactory factory,
                     MetricFactory metricFactory, OfferedUrlAuthKeys keys) {
        super(acceptableClass, mailboxManager, factory, metricFactory);
        this.keys = keys.get();
    }

    @Override
    protected final Mono<Void> processRequestReactive(R request, ImapSession session, Responder responder) {
        if (keys.isEmpty()) {
            return Mono.fromRunnable(() -> taggedBad(request, responder, NOT_OFFERED));
        }
        return process(request, keys.get(), session, responder);
    }

    abstract Mono<Void> process(R request, UrlAuthKeys keys, ImapSession session, Responder responder);

    boolean offered() {
        return keys.isPresent();
    }
}
