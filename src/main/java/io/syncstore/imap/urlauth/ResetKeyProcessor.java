package io.syncstore.imap.urlauth;


import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.main.PathConverter;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;

import io.syncstore.api.UrlAuthKeys;

import reactor.core.publisher.Mono;

/**
 * RESETKEY (RFC 4467 §6.2): the access key of one of the user's mailboxes, or of all, forgotten; every URL it signed
 * stops working and the next GENURLAUTH makes a new key.
 */
public class ResetKeyProcessor extends UrlAuthProcessor<ResetKeyRequest> {
    private static final HumanReadableText UNKNOWN_MECHANISM = new HumanReadableText(
        "io.syncstore.imap.RESETKEY_MECHANISM", "RESETKEY knows the INTERNAL mechanism only");

    @Inject
    public ResetKeyProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                             OfferedUrlAuthKeys keys) {
        super(ResetKeyRequest.class, mailboxManager, factory, metricFactory, keys);
    }

    @Override
    Mono<Void> process(ResetKeyRequest request, UrlAuthKeys keys, ImapSession session, Responder responder) {
        if (request.mechanisms().stream().anyMatch(mechanism -> !UrlAuthToken.MECHANISM.equalsIgnoreCase(mechanism))) {
            return Mono.fromRunnable(() -> no(request, responder, UNKNOWN_MECHANISM));
        }
        if (request.mailbox().isEmpty()) {
            return keys.resetAll(session.getUserName()).then(Mono.fromRunnable(() -> okComplete(request, responder)));
        }
        return Mono.defer(() -> Mono.from(getMailboxManager().getMailboxReactive(
                PathConverter.forSession(session).buildFullPath(request.mailbox().get()), session.getMailboxSession())))
            .flatMap(mailbox -> keys.reset(session.getUserName(), mailbox.getId()))
            .then(Mono.fromRunnable(() -> okComplete(request, responder)))
            .onErrorResume(MailboxNotFoundException.class, e -> Mono.fromRunnable(() ->
                no(request, responder, HumanReadableText.FAILURE_NO_SUCH_MAILBOX)))
            .then();
    }

    @Override
    protected MDCBuilder mdc(ResetKeyRequest request) {
        return MDCBuilder.create().addToContext(MDCBuilder.ACTION, "RESETKEY");
    }
}
