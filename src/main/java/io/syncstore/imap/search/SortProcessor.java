package io.syncstore.imap.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.request.SearchResultOption;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.message.response.ESearchResponse;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.Longs;

import io.syncstore.api.MessageSortOrder;

import reactor.core.publisher.Mono;

/**
 * SORT and UID SORT (RFC 5256), SORT=DISPLAY (RFC 5957), ESORT (RFC 5267 §3.2) and its PARTIAL (RFC 9394) of the
 * messages {@link MatchingMessages} finds. PARTIAL is advertised with SEARCH's ({@link ExtendedSearchProcessor}).
 */
public class SortProcessor extends SearchedMessagesProcessor<SortRequest, SortableMessage> {
    private static final List<Capability> CAPABILITIES =
        ImmutableList.of(Capability.of("SORT"), Capability.of("SORT=DISPLAY"), Capability.of("ESORT"));

    private final MailboxManager mailboxManager;
    private final OfferedSortOrder sortOrder;

    @Inject
    public SortProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                         OfferedSortOrder sortOrder) {
        super(SortRequest.class, mailboxManager, factory, metricFactory, CAPABILITIES, SortableMessage::new);
        this.mailboxManager = mailboxManager;
        this.sortOrder = sortOrder;
    }

    /** On a backend that orders by the keys: its order, without reading what is compared; else sorted here. */
    @Override
    protected Mono<ImapResponseMessage> answer(SortRequest request, FoundMessages found, ImapSession session) {
        Optional<MessageSortOrder> order = sortOrder.get();
        if (order.isEmpty()) {
            return super.answer(request, found, session);
        }
        List<MessageSortOrder.Criterion> criteria = request.criteria().stream()
            .map(criterion -> new MessageSortOrder.Criterion(MessageSortOrder.Key.valueOf(criterion.key().name()),
                criterion.reverse()))
            .collect(Collectors.toList());
        MailboxSession mailboxSession = session.getMailboxSession();
        return Mono.from(mailboxManager.getMailboxReactive(session.getSelected().getMailboxId(), mailboxSession))
            .flatMap(mailbox -> order.get().order(mailbox, found.uids(), criteria, found.modSeqAsked(), mailboxSession))
            .flatMap(ordered -> ordered
                .map(inOrder -> Mono.just(answerInOrder(request, numbered(inOrder, found), inOrder.modSeqs(),
                    found.modSeqAsked())))
                .orElseGet(() -> super.answer(request, found, session)));
    }

    /** The backend's order, each message by the number the answer carries. */
    private static long[] numbered(MessageSortOrder.Ordered ordered, FoundMessages found) {
        int[] positions = ordered.positions();
        long[] numbers = new long[positions.length];
        for (int i = 0; i < positions.length; i++) {
            numbers[i] = found.numberAt(positions[i]);
        }
        return numbers;
    }

    @Override
    protected ImapResponseMessage answer(SortRequest request, Matches<SortableMessage> matches) {
        List<SortableMessage> sorted = matches.sorted(SortOrder.of(request.criteria())).messages();
        long[] numbers = new long[sorted.size()];
        long[] modSeqs = new long[sorted.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = sorted.get(i).number();
            modSeqs[i] = sorted.get(i).fields().modSeq().asLong();
        }
        return answerInOrder(request, numbers, modSeqs, matches.modSeqAsked());
    }

    /**
     * The answer naming messages by their numbers in sort order, with their mod-sequences at the same index when the
     * search keys held MODSEQ (else there may be none).
     */
    private static ImapResponseMessage answerInOrder(SortRequest request, long[] numbers, long[] sortedModSeqs,
                                                     boolean modSeqAsked) {
        List<Long> modSeqs = Longs.asList(sortedModSeqs);
        if (!request.extended()) {
            return new SortResponse(numbers, highest(modSeqAsked, () -> modSeqs));
        }
        long min = numbers.length == 0 ? -1 : numbers[0];
        long max = numbers.length == 0 ? -1 : numbers[numbers.length - 1];
        List<Long> numberList = Longs.asList(numbers);
        ESearchResponse items = new ESearchResponse(min, max, numbers.length, inSortOrder(numberList),
            highest(modSeqAsked, () -> answered(request, modSeqs, request.partial().map(range -> range.of(modSeqs)).orElse(List.of())))
                .orElse(null),
            request.getTag(), request.useUids(), request.resultOptions());
        return request.partial()
            .<ImapResponseMessage>map(range -> new PartialSearchResponse(items, range, inSortOrder(range.of(numberList))))
            .orElse(items);
    }

    /** RFC 7162 §3.1.5: the highest of the answered messages' mod-sequences, when the search keys held MODSEQ. */
    private static Optional<ModSeq> highest(boolean modSeqAsked, Supplier<List<Long>> modSeqs) {
        if (!modSeqAsked) {
            return Optional.empty();
        }
        return modSeqs.get().stream().max(Long::compare).map(ModSeq::of);
    }

    /**
     * The messages an ESORT answer names, whose mod-sequence it carries (RFC 4731 §3.2, RFC 7162 §3.1.5): the first
     * and/or the last in sort order and those of the PARTIAL range when only these are asked, else all.
     */
    private static <M> List<M> answered(SortRequest request, List<M> sorted, List<M> page) {
        List<SearchResultOption> options = request.resultOptions();
        boolean onlyNamed = options.stream().allMatch(option -> option == SearchResultOption.MIN || option == SearchResultOption.MAX);
        if (!onlyNamed || sorted.isEmpty()) {
            return sorted;
        }
        List<M> named = new ArrayList<>(page);
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
