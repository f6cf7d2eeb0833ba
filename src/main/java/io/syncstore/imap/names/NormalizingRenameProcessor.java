package io.syncstore.imap.names;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.RenameRequest;
import org.apache.james.imap.processor.RenameProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/** James's RENAME, telling an IMAP4rev2 connection the new name it stored when it normalized it (RFC 9051 §6.3.6). */
public class NormalizingRenameProcessor extends RenameProcessor {
    @Inject
    public NormalizingRenameProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    /** The chain dispatches on the request's exact class. */
    @Override
    public List<Class<? extends RenameRequest>> acceptableClasses() {
        return List.of(RenameRequest.class, NormalizedRenameRequest.class);
    }

    @Override
    protected Mono<Void> processRequestReactive(RenameRequest request, ImapSession session, Responder responder) {
        Optional<String> asWritten = request instanceof NormalizedRenameRequest
            ? ((NormalizedRenameRequest) request).newNameAsWritten() : Optional.empty();
        return super.processRequestReactive(request, session,
            NormalizedNames.telling(responder, session, request.getNewName(), asWritten));
    }
}
