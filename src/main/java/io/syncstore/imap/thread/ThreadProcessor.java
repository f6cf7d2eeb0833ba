package io.syncstore.imap.thread;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;

import io.syncstore.imap.search.Matches;
import io.syncstore.imap.search.SearchedMessagesProcessor;

/**
 * THREAD and UID THREAD (RFC 5256) of the messages SEARCH finds for the command's keys, by any
 * {@link ThreadAlgorithm}.
 */
public class ThreadProcessor extends SearchedMessagesProcessor<ThreadRequest, ThreadedMessage> {
    private static final List<Capability> CAPABILITIES = Arrays.stream(ThreadAlgorithm.values())
        .map(algorithm -> Capability.of("THREAD=" + algorithm.name()))
        .collect(Collectors.toUnmodifiableList());

    @Inject
    public ThreadProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(ThreadRequest.class, mailboxManager, factory, metricFactory, CAPABILITIES, ThreadedMessage::new);
    }

    @Override
    protected ImapResponseMessage answer(ThreadRequest request, Matches<ThreadedMessage> matches) {
        return new ThreadResponse(request.algorithm().threads(matches.messages()));
    }

    @Override
    protected MDCBuilder mdc(ThreadRequest request) {
        return MDCBuilder.create()
            .addToContext(MDCBuilder.ACTION, "THREAD")
            .addToContext("algorithm", request.algorithm().name());
    }
}
