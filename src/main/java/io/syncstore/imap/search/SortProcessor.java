package io.syncstore.imap.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.request.SearchOperation;
import org.apache.james.imap.api.message.request.SearchResultOption;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.SearchRequest;
import org.apache.james.imap.message.response.ESearchResponse;
import org.apache.james.imap.processor.AbstractMailboxProcessor;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.imap.processor.SearchProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.fge.lambdas.Throwing;
import com.google.common.collect.ImmutableList;

import it.unimi.dsi.fastutil.longs.LongList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SORT and UID SORT (RFC 5256), SORT=DISPLAY (RFC 5957) and ESORT (RFC 5267 §3.2). The messages are selected by
 * James's SEARCH processor (so by the mailbox's search index, with James's meaning of every search key), then their
 * headers are read and sorted here.
 */
public class SortProcessor extends AbstractMailboxProcessor<SortRequest> implements CapabilityImplementingProcessor {
    private static final Logger LOGGER = LoggerFactory.getLogger(SortProcessor.class);
    private static final List<Capability> CAPABILITIES =
        ImmutableList.of(Capability.of("SORT"), Capability.of("SORT=DISPLAY"), Capability.of("ESORT"));

    private final SearchProcessor search;

    @Inject
    public SortProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(SortRequest.class, mailboxManager, factory, metricFactory);
        this.search = new SearchProcessor(mailboxManager, factory, metricFactory);
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return CAPABILITIES;
    }

    @Override
    protected Mono<Void> processRequestReactive(SortRequest request, ImapSession session, Responder responder) {
        SearchResultCapture capture = new SearchResultCapture(responder);
        SearchRequest searchRequest = new SearchRequest(
            new SearchOperation(request.searchKey(), ImmutableList.of()), request.useUids(), request.getTag());
        return search.processReactive(searchRequest, capture, session)
            .then(Mono.defer(() -> capture.ids()
                .map(ids -> sort(request, session, ids)
                    .doOnNext(sorted -> {
                        responder.respond(response(request, sorted));
                        okComplete(request, responder);
                    })
                    .then()
                    .onErrorResume(e -> Mono.fromRunnable(() -> {
                        LOGGER.error("SORT failed in mailbox {}", session.getSelected().getMailboxId(), e);
                        no(request, responder, HumanReadableText.GENERIC_FAILURE_DURING_PROCESSING);
                    })))
                .orElseGet(() -> Mono.fromRunnable(() -> capture.failure().ifPresent(responder::respond)))));
    }

    private Mono<List<Long>> sort(SortRequest request, ImapSession session, LongList ids) {
        SelectedMailbox selected = session.getSelected();
        Map<MessageUid, Long> numbers = new HashMap<>();
        for (long id : ids) {
            if (request.useUids()) {
                numbers.put(MessageUid.of(id), id);
            } else {
                selected.uid((int) id).ifPresent(uid -> numbers.put(uid, id));
            }
        }
        MailboxSession mailboxSession = session.getMailboxSession();
        return getSelectedMailboxReactive(session)
            .flatMapMany(mailbox -> Flux.fromIterable(MessageRange.toRanges(numbers.keySet()))
                .concatMap(range -> headers(mailbox, range, mailboxSession)))
            .filter(message -> numbers.containsKey(message.getUid()))
            .map(Throwing.function(message -> SortableMessage.of(numbers.get(message.getUid()), message)))
            .collectList()
            .map(messages -> messages.stream()
                .sorted(SortOrder.of(request.criteria()))
                .map(SortableMessage::number)
                .collect(Collectors.toList()));
    }

    private static Flux<MessageResult> headers(MessageManager mailbox, MessageRange range,
                                        MailboxSession session) {
        return Flux.from(mailbox.getMessagesReactive(range, FetchGroup.HEADERS, session));
    }

    private static ImapResponseMessage response(SortRequest request, List<Long> sorted) {
        if (!request.extended()) {
            return new SortResponse(sorted);
        }
        long min = sorted.isEmpty() ? -1 : sorted.get(0);
        long max = sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1);
        return new ESearchResponse(min, max, sorted.size(), inSortOrder(sorted), null, request.getTag(),
            request.useUids(), request.resultOptions());
    }

    /** RFC 5267 §3.2: ALL lists the messages in sort order; only ascending runs become ranges. */
    private static IdRange[] inSortOrder(List<Long> sorted) {
        List<IdRange> ranges = new ArrayList<>();
        for (long number : sorted) {
            IdRange last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && last.getHighVal() + 1 == number) {
                ranges.set(ranges.size() - 1, new IdRange(last.getLowVal(), number));
            } else {
                ranges.add(new IdRange(number));
            }
        }
        return ranges.toArray(IdRange[]::new);
    }

    @Override
    protected MDCBuilder mdc(SortRequest request) {
        return MDCBuilder.create()
            .addToContext(MDCBuilder.ACTION, "SORT")
            .addToContext("criteria", request.criteria().toString());
    }
}
