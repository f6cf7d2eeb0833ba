package io.syncstore.imap.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.AbstractMailboxProcessor;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Mono;

/**
 * THREAD=ORDEREDSUBJECT (RFC 5256 §3): messages grouped by base subject, each group one thread whose first message
 * (by sent date, then mailbox order) is the parent of the others; threads ordered by their first message's sent date.
 */
public class ThreadProcessor extends AbstractMailboxProcessor<ThreadRequest> implements CapabilityImplementingProcessor {
    static final String ORDEREDSUBJECT = "ORDEREDSUBJECT";
    private static final Logger LOGGER = LoggerFactory.getLogger(ThreadProcessor.class);
    private static final List<Capability> CAPABILITIES = ImmutableList.of(Capability.of("THREAD=" + ORDEREDSUBJECT));
    private static final Comparator<SortableMessage> BY_SENT_DATE =
        Comparator.comparing(SortableMessage::sent).thenComparingLong(SortableMessage::number);

    private final MatchingMessages matching;

    @Inject
    public ThreadProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(ThreadRequest.class, mailboxManager, factory, metricFactory);
        this.matching = new MatchingMessages(mailboxManager, factory, metricFactory);
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return CAPABILITIES;
    }

    @Override
    protected Mono<Void> processRequestReactive(ThreadRequest request, ImapSession session, Responder responder) {
        return matching.find(request.getTag(), request.searchKey(), request.useUids(), session, responder)
            .doOnNext(found -> found.ifPresent(messages -> {
                responder.respond(new ThreadResponse(orderedSubject(messages)));
                okComplete(request, responder);
            }))
            .then()
            .onErrorResume(MailboxException.class, e -> Mono.fromRunnable(() -> {
                LOGGER.error("THREAD failed in mailbox {}", session.getSelected().getMailboxId(), e);
                no(request, responder, HumanReadableText.GENERIC_FAILURE_DURING_PROCESSING);
            }));
    }

    static String orderedSubject(List<SortableMessage> messages) {
        Map<String, List<SortableMessage>> bySubject = new LinkedHashMap<>();
        messages.stream()
            .sorted(BY_SENT_DATE)
            .forEach(message -> bySubject.computeIfAbsent(message.subject(), subject -> new ArrayList<>()).add(message));
        // threads appear in the order of their first message's sent date: the order the groups were opened
        StringBuilder threads = new StringBuilder();
        for (List<SortableMessage> thread : bySubject.values()) {
            threads.append('(').append(thread.get(0).number());
            if (thread.size() == 2) {
                threads.append(' ').append(thread.get(1).number());
            } else if (thread.size() > 2) {
                threads.append(' ');
                thread.subList(1, thread.size()).forEach(child -> threads.append('(').append(child.number()).append(')'));
            }
            threads.append(')');
        }
        return threads.toString();
    }

    @Override
    protected MDCBuilder mdc(ThreadRequest request) {
        return MDCBuilder.create().addToContext(MDCBuilder.ACTION, "THREAD");
    }
}
