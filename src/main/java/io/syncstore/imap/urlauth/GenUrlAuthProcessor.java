package io.syncstore.imap.urlauth;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;

import com.google.common.collect.ImmutableList;
import com.google.common.io.BaseEncoding;

import io.syncstore.api.UrlAuthKeys;
import io.syncstore.reactive.Blocking;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * GENURLAUTH (RFC 4467 §6.1): each URL rump, which must name a mailbox of the connection's user, signed with the
 * INTERNAL mechanism under that mailbox's access key (made on first use). Nothing is answered for any of them when
 * one cannot be signed.
 */
public class GenUrlAuthProcessor extends UrlAuthProcessor<GenUrlAuthRequest> implements CapabilityImplementingProcessor {
    private static final List<Capability> URLAUTH = ImmutableList.of(Capability.of("URLAUTH"));
    private static final BaseEncoding HEX = BaseEncoding.base16().lowerCase();

    @Inject
    public GenUrlAuthProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                               OfferedUrlAuthKeys keys) {
        super(GenUrlAuthRequest.class, mailboxManager, factory, metricFactory, keys);
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return offered() ? URLAUTH : ImmutableList.of();
    }

    @Override
    Mono<Void> process(GenUrlAuthRequest request, UrlAuthKeys keys, ImapSession session, Responder responder) {
        return Flux.range(0, request.rumps().size())
            .concatMap(i -> signed(request.rumps().get(i), request.mechanisms().get(i), keys, session))
            .collectList()
            .doOnNext(urls -> {
                responder.respond(UrlAuthResponse.signed(urls));
                okComplete(request, responder);
            })
            .onErrorResume(BadUrlException.class, e -> Mono.fromRunnable(() -> no(request, responder,
                new HumanReadableText("io.syncstore.imap.GENURLAUTH_REFUSED", "Cannot authorize " + e.url()))))
            .then();
    }

    private Mono<String> signed(String rump, String mechanism, UrlAuthKeys keys, ImapSession session) {
        return Blocking.call(() -> ownMailbox(rump, mechanism, session))
            .flatMap(mailbox -> keys.key(session.getUserName(), mailbox))
            .map(key -> rump + ":" + UrlAuthToken.MECHANISM + ":" + HEX.encode(UrlAuthToken.of(key, rump)));
    }

    private MailboxId ownMailbox(String rump, String mechanism, ImapSession session) throws BadUrlException, MailboxException {
        ImapUrl url = ImapUrl.parseRump(rump);
        if (!UrlAuthToken.MECHANISM.equalsIgnoreCase(mechanism) || !url.owner.orElseThrow().equals(session.getUserName())) {
            throw new BadUrlException(rump);
        }
        try {
            return getMailboxManager().getMailbox(UrlReader.ownPath(url, session), session.getMailboxSession()).getId();
        } catch (MailboxNotFoundException e) {
            throw new BadUrlException(rump);
        }
    }

    @Override
    protected MDCBuilder mdc(GenUrlAuthRequest request) {
        return MDCBuilder.create().addToContext(MDCBuilder.ACTION, "GENURLAUTH");
    }
}
