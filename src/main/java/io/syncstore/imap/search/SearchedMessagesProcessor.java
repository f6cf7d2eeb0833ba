package io.syncstore.imap.search;

import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.processor.AbstractMailboxProcessor;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.metrics.api.MetricFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.imap.selected.SelectedState;

import reactor.core.publisher.Mono;

/**
 * Runs a {@link SearchedRequest}: the messages {@link MatchingMessages} finds, each read as an {@code M}, answered by
 * {@link #answer} and OK, or NO when the mailbox fails.
 */
public abstract class SearchedMessagesProcessor<R extends SearchedRequest, M> extends AbstractMailboxProcessor<R>
        implements CapabilityImplementingProcessor {
    private static final Logger LOGGER = LoggerFactory.getLogger(SearchedMessagesProcessor.class);

    private final MatchingMessages<M> matching;
    private final List<Capability> capabilities;

    protected SearchedMessagesProcessor(Class<R> requestClass, MailboxManager mailboxManager, StatusResponseFactory factory,
                                        MetricFactory metricFactory, List<Capability> capabilities,
                                        MatchedMessageReader<M> reader) {
        super(requestClass, mailboxManager, factory, metricFactory);
        this.matching = new MatchingMessages<>(mailboxManager, factory, metricFactory, reader);
        this.capabilities = capabilities;
    }

    /** The answer about the messages found, in mailbox order. */
    protected abstract ImapResponseMessage answer(R request, Matches<M> matches);

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return capabilities;
    }

    @Override
    protected Mono<Void> processRequestReactive(R request, ImapSession session, Responder responder) {
        return find(request, session, responder)
            .flatMap(found -> found.map(matches -> answer(request, matches, session)).orElse(Mono.empty()))
            .doOnNext(answer -> {
                responder.respond(answer);
                okComplete(request, responder);
            })
            .then()
            .onErrorResume(MailboxException.class, e -> Mono.fromRunnable(() -> {
                LOGGER.error("{} failed in mailbox {}", request.getCommand().getName(), session.getSelected().getMailboxId(), e);
                no(request, responder, HumanReadableText.GENERIC_FAILURE_DURING_PROCESSING);
            }));
    }

    /**
     * ALL, the usual key of SORT and THREAD, needs no search: after the unsolicited responses James's SEARCH would send
     * (by UID, as {@link MatchingMessages} asks it), the messages are those the client was told of.
     */
    private Mono<Optional<FoundMessages>> find(R request, ImapSession session, Responder responder) {
        SelectedMailbox selected = session.getSelected();
        if (request.searchKey().getType() != SearchKey.Type.TYPE_ALL || !(selected instanceof SelectedState)) {
            return matching.find(request.getTag(), request.searchKey(), request.useUids(), session, responder);
        }
        return unsolicitedResponses(session, responder, false, true)
            .then(Mono.fromSupplier(() ->
                Optional.of(FoundMessages.ofTold(((SelectedState) selected).toldUids(), request.useUids()))));
    }

    /** The answer about what the search found: by default {@link #answer(SearchedRequest, Matches)} of them, read. */
    protected Mono<ImapResponseMessage> answer(R request, FoundMessages found, ImapSession session) {
        return matching.read(found, session).map(matches -> answer(request, matches));
    }
}
