package io.syncstore.imap.search;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.request.SearchResultOption;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.message.response.ESearchResponse;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;

import com.google.common.collect.ImmutableList;

/**
 * SORT and UID SORT (RFC 5256), SORT=DISPLAY (RFC 5957), ESORT (RFC 5267 §3.2) and its PARTIAL (RFC 9394) of the
 * messages {@link MatchingMessages} finds. PARTIAL is advertised with SEARCH's ({@link ExtendedSearchProcessor}).
 */
public class SortProcessor extends SearchedMessagesProcessor<SortRequest, SortableMessage> {
    private static final List<Capability> CAPABILITIES =
        ImmutableList.of(Capability.of("SORT"), Capability.of("SORT=DISPLAY"), Capability.of("ESORT"));

    @Inject
    public SortProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(SortRequest.class, mailboxManager, factory, metricFactory, CAPABILITIES, SortableMessage::new);
    }

    @Override
    protected ImapResponseMessage answer(SortRequest request, Matches<SortableMessage> matches) {
        List<SortableMessage> sorted = matches.messages().stream()
            .sorted(SortOrder.of(request.criteria()))
            .collect(Collectors.toList());
        List<Long> numbers = sorted.stream().map(SortableMessage::number).collect(Collectors.toList());
        if (!request.extended()) {
            return new SortResponse(numbers, matches.highestModSeq(sorted, message -> message.fields().modSeq()));
        }
        long min = numbers.isEmpty() ? -1 : numbers.get(0);
        long max = numbers.isEmpty() ? -1 : numbers.get(numbers.size() - 1);
        List<SortableMessage> page = request.partial().map(range -> range.of(sorted)).orElse(List.of());
        ESearchResponse items = new ESearchResponse(min, max, numbers.size(), inSortOrder(numbers),
            matches.highestModSeq(answered(request, sorted, page), message -> message.fields().modSeq()).orElse(null),
            request.getTag(), request.useUids(), request.resultOptions());
        return request.partial()
            .<ImapResponseMessage>map(range -> new PartialSearchResponse(items, range,
                inSortOrder(page.stream().map(SortableMessage::number).collect(Collectors.toList()))))
            .orElse(items);
    }

    /**
     * The messages an ESORT answer names, whose mod-sequence it carries (RFC 4731 §3.2, RFC 7162 §3.1.5): the first
     * and/or the last in sort order and those of the PARTIAL range when only these are asked, else all.
     */
    private static List<SortableMessage> answered(SortRequest request, List<SortableMessage> sorted,
                                                  List<SortableMessage> page) {
        List<SearchResultOption> options = request.resultOptions();
        boolean onlyNamed = options.stream().allMatch(option -> option == SearchResultOption.MIN || option == SearchResultOption.MAX);
        if (!onlyNamed || sorted.isEmpty()) {
            return sorted;
        }
        List<SortableMessage> named = new ArrayList<>(page);
        if (options.contains(SearchResultOption.MIN)) {
            named.add(sorted.get(0));
        }
        if (options.contains(SearchResultOption.MAX)) {
            named.add(sorted.get(sorted.size() - 1));
        }
        return named;
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
