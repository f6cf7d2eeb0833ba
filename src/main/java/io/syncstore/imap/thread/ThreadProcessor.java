package io.syncstore.imap.thread;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;

import io.syncstore.api.MessageSortingFields;
import io.syncstore.api.ThreadingFields;
import io.syncstore.imap.search.FoundMessages;
import io.syncstore.imap.search.Matches;
import io.syncstore.imap.search.SearchedMessagesProcessor;

import reactor.core.publisher.Mono;

/**
 * THREAD and UID THREAD (RFC 5256) of the messages SEARCH finds for the command's keys, by any
 * {@link ThreadAlgorithm}.
 */
public class ThreadProcessor extends SearchedMessagesProcessor<ThreadRequest, ThreadedMessage> {
    private static final List<Capability> CAPABILITIES = Arrays.stream(ThreadAlgorithm.values())
        .map(algorithm -> Capability.of("THREAD=" + algorithm.name()))
        .collect(Collectors.toUnmodifiableList());

    private final MailboxManager mailboxManager;

    @Inject
    public ThreadProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(ThreadRequest.class, mailboxManager, factory, metricFactory, CAPABILITIES, ThreadedMessage::of);
        this.mailboxManager = mailboxManager;
    }

    /** On a backend that keeps them: the messages' {@link ThreadingFields}, read in one go; else their sorting fields. */
    @Override
    protected Mono<ImapResponseMessage> answer(ThreadRequest request, FoundMessages found, ImapSession session) {
        MailboxSession mailboxSession = session.getMailboxSession();
        return Mono.from(mailboxManager.getMailboxReactive(session.getSelected().getMailboxId(), mailboxSession))
            .flatMap(mailbox -> mailbox instanceof MessageSortingFields
                ? ((MessageSortingFields) mailbox).threadingFields(found.uids(), mailboxSession)
                : Mono.just(Optional.<ThreadingFields>empty()))
            .flatMap(fields -> fields
                .map(read -> Mono.<ImapResponseMessage>just(threads(request, messages(read, found))))
                .orElseGet(() -> super.answer(request, found, session)));
    }

    @Override
    protected ImapResponseMessage answer(ThreadRequest request, Matches<ThreadedMessage> matches) {
        return threads(request, matches.messages());
    }

    private static ImapResponseMessage threads(ThreadRequest request, List<ThreadedMessage> messages) {
        return new ThreadResponse(request.algorithm().threads(messages));
    }

    /** Each message read, by its number in the answer: the fields' UIDs are some of the found ones, both ascending. */
    private static List<ThreadedMessage> messages(ThreadingFields fields, FoundMessages found) {
        long[] uids = found.uids();
        List<ThreadedMessage> messages = new ArrayList<>(fields.size());
        int at = 0;
        for (int i = 0; i < fields.size(); i++) {
            while (uids[at] != fields.uid(i)) {
                at++;
            }
            messages.add(ThreadedMessage.of(found.numberAt(at), fields, i));
        }
        return messages;
    }

    @Override
    protected MDCBuilder mdc(ThreadRequest request) {
        return MDCBuilder.create()
            .addToContext(MDCBuilder.ACTION, "THREAD")
            .addToContext("algorithm", request.algorithm().name());
    }
}
