package io.syncstore.imap.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;

import com.google.common.collect.ImmutableList;

/**
 * THREAD=ORDEREDSUBJECT (RFC 5256 §3): messages grouped by base subject, each group one thread whose first message
 * (by sent date, then mailbox order) is the parent of the others; threads ordered by their first message's sent date.
 */
public class ThreadProcessor extends SearchedMessagesProcessor<ThreadRequest> {
    static final String ORDEREDSUBJECT = "ORDEREDSUBJECT";
    private static final List<Capability> CAPABILITIES = ImmutableList.of(Capability.of("THREAD=" + ORDEREDSUBJECT));
    private static final Comparator<SortableMessage> BY_SENT_DATE =
        Comparator.comparing(SortableMessage::sent).thenComparingLong(SortableMessage::number);

    @Inject
    public ThreadProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(ThreadRequest.class, mailboxManager, factory, metricFactory, CAPABILITIES);
    }

    @Override
    ImapResponseMessage answer(ThreadRequest request, Matches matches) {
        return new ThreadResponse(orderedSubject(matches.messages()));
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
