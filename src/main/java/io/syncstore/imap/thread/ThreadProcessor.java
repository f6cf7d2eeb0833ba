package io.syncstore.imap.thread;

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
import io.syncstore.api.SortingFields;
import io.syncstore.api.ThreadingFields;
import io.syncstore.imap.search.FoundMessages;
import io.syncstore.imap.search.Matches;
import io.syncstore.imap.search.SearchedMessagesProcessor;

import reactor.core.publisher.Mono;

/**
 * THREAD and UID THREAD (RFC 5256) of the messages SEARCH finds for the command's keys, by any
 * {@link ThreadAlgorithm}.
 */
public class ThreadProcessor extends SearchedMessagesProcessor<ThreadRequest, ThreadProcessor.Matched> {
    private static final List<Capability> CAPABILITIES = Arrays.stream(ThreadAlgorithm.values())
        .map(algorithm -> Capability.of("THREAD=" + algorithm.name()))
        .collect(Collectors.toUnmodifiableList());

    private final MailboxManager mailboxManager;

    @Inject
    public ThreadProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(ThreadRequest.class, mailboxManager, factory, metricFactory, CAPABILITIES, Matched::new);
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

    /** Another backend's messages: their sorting fields, numbered here as SyncStore's backend numbers its own. */
    @Override
    protected ImapResponseMessage answer(ThreadRequest request, Matches<Matched> matches) {
        List<Matched> matched = matches.messages();
        ThreadingFields.Builder fields = ThreadingFields.builder(matched.size());
        long[] numbers = new long[matched.size()];
        for (int i = 0; i < numbers.length; i++) {
            SortingFields read = matched.get(i).fields;
            numbers[i] = matched.get(i).number;
            fields.message(i, numbers[i], read.sent().toEpochMilli(), read.replyOrForward());
            fields.subject(read.baseSubject(), 0, read.baseSubject().length());
            read.messageId().ifPresent(id -> fields.messageId(id, 0, id.length()));
            read.references().forEach(id -> fields.reference(id, 0, id.length()));
        }
        return threads(request, new ThreadedMessages(fields.build(), numbers));
    }

    private static ImapResponseMessage threads(ThreadRequest request, ThreadedMessages messages) {
        return new ThreadResponse(request.algorithm().threads(messages));
    }

    /** Each message read, numbered as in the answer: the fields' UIDs are some of the found ones, both ascending. */
    private static ThreadedMessages messages(ThreadingFields fields, FoundMessages found) {
        long[] uids = found.uids();
        long[] numbers = new long[fields.size()];
        int at = 0;
        for (int i = 0; i < numbers.length; i++) {
            while (uids[at] != fields.uid(i)) {
                at++;
            }
            numbers[i] = found.numberAt(at);
        }
        return new ThreadedMessages(fields, numbers);
    }

    /** What a search on another backend gives of each message. */
    static final class Matched {
        private final long number;
        private final SortingFields fields;

        Matched(long number, SortingFields fields) {
            this.number = number;
            this.fields = fields;
        }
    }

    @Override
    protected MDCBuilder mdc(ThreadRequest request) {
        return MDCBuilder.create()
            .addToContext(MDCBuilder.ACTION, "THREAD")
            .addToContext("algorithm", request.algorithm().name());
    }
}
