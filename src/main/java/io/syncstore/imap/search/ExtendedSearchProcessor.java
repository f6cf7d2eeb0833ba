package io.syncstore.imap.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.request.SearchResultOption;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SearchResUtil;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.SearchRequest;
import org.apache.james.imap.message.response.ESearchResponse;
import org.apache.james.imap.processor.SearchProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.metrics.api.MetricFactory;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's SEARCH, with what its ESEARCH answer cannot say made here. PARTIAL (RFC 9394 §3.1): James is asked for every
 * match and the answer names those of the range. The mod-sequence of an answer naming only some matches (MIN, MAX,
 * PARTIAL; not COUNT or ALL): the highest of those, as RFC 4731 §3.2 has it for RFC 7162 §3.1.5, where James gives
 * the highest of all matches. Such an answer and what follows it (the tagged OK) are held until it is rewritten.
 */
public class ExtendedSearchProcessor extends SearchProcessor {
    private final MailboxManager mailboxManager;

    @Inject
    public ExtendedSearchProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
        this.mailboxManager = mailboxManager;
    }

    @Override
    public List<Class<? extends SearchRequest>> acceptableClasses() {
        return ImmutableList.of(SearchRequest.class, PartialSearchRequest.class);
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return ImmutableList.<Capability>builder().addAll(super.getImplementedCapabilities(session))
            .add(Capability.of("PARTIAL")).build();
    }

    @Override
    protected Mono<Void> processRequestReactive(SearchRequest request, ImapSession session, Responder responder) {
        HeldAnswer held = new HeldAnswer(request, responder);
        SearchRequest asked = request instanceof PartialSearchRequest ? ((PartialSearchRequest) request).everyMatch() : request;
        return super.processRequestReactive(asked, session, held)
            .then(Mono.defer(() -> held.release(session)))
            .onErrorResume(error -> held.release(session).then(Mono.error(error)));
    }

    private static boolean namesOnlySome(List<SearchResultOption> options) {
        return options.stream().allMatch(option -> option == SearchResultOption.MIN || option == SearchResultOption.MAX
            || option == SearchResultOption.SAVE);
    }

    private final class HeldAnswer implements Responder {
        private final SearchRequest request;
        private final Optional<PartialRange> range;
        private final Responder client;
        private final List<ImapResponseMessage> held = new ArrayList<>();
        private ESearchResponse answer;

        HeldAnswer(SearchRequest request, Responder client) {
            this.request = request;
            this.range = request instanceof PartialSearchRequest
                ? Optional.of(((PartialSearchRequest) request).range()) : Optional.empty();
            this.client = client;
        }

        @Override
        public synchronized void respond(ImapResponseMessage message) {
            if (answer == null && message instanceof ESearchResponse && rewritten((ESearchResponse) message)) {
                answer = (ESearchResponse) message;
            } else if (answer != null) {
                held.add(message);
            } else {
                client.respond(message);
            }
        }

        private boolean rewritten(ESearchResponse message) {
            return range.isPresent() || message.getHighestModSeq() != null && namesOnlySome(message.getSearchResultOptions());
        }

        @Override
        public synchronized void flush() {
            if (answer == null) {
                client.flush();
            }
        }

        Mono<Void> release(ImapSession session) {
            if (answer == null) {
                return Mono.empty();
            }
            IdRange[] page = range.map(partial -> partial.of(answer.getAll(), answer.getCount())).orElse(new IdRange[0]);
            List<SearchResultOption> options = request.getSearchOperation().getResultOptions();
            List<IdRange> named = named(page, options);
            return modSeq(named, options, session)
                .doOnNext(modSeq -> {
                    synchronized (this) {
                        if (range.isPresent() && options.contains(SearchResultOption.SAVE)) {
                            // RFC 5182 §2.1 as for MIN and MAX: what the answer names, all matches with COUNT
                            SearchResUtil.saveSequenceSet(session, namesOnlySome(options)
                                ? IdRange.mergeRanges(named).toArray(IdRange[]::new) : answer.getAll());
                        }
                        ESearchResponse items = new ESearchResponse(answer.getMinUid(), answer.getMaxUid(), answer.getCount(),
                            answer.getAll(), modSeq.orElse(null), answer.getTag(), answer.getUseUid(), options);
                        client.respond(range.<ImapResponseMessage>map(partial -> new PartialSearchResponse(items, partial, page))
                            .orElse(items));
                        held.forEach(client::respond);
                        held.clear();
                        answer = null;
                        client.flush();
                    }
                })
                .then();
        }

        /** The messages the answer names: those of the PARTIAL range, and the MIN and MAX ones when asked. */
        private List<IdRange> named(IdRange[] page, List<SearchResultOption> options) {
            List<IdRange> named = new ArrayList<>(List.of(page));
            if (options.contains(SearchResultOption.MIN) && answer.getMinUid() > 0) {
                named.add(new IdRange(answer.getMinUid()));
            }
            if (options.contains(SearchResultOption.MAX) && answer.getMaxUid() > 0) {
                named.add(new IdRange(answer.getMaxUid()));
            }
            return named;
        }

        private Mono<Optional<ModSeq>> modSeq(List<IdRange> named, List<SearchResultOption> options, ImapSession session) {
            if (answer.getHighestModSeq() == null || !namesOnlySome(options)) {
                return Mono.just(Optional.ofNullable(answer.getHighestModSeq()));
            }
            SelectedMailbox selected = session.getSelected();
            List<MessageUid> uids = new ArrayList<>();
            for (IdRange ids : named) {
                for (long id = ids.getLowVal(); id <= ids.getHighVal(); id++) {
                    if (answer.getUseUid()) {
                        uids.add(MessageUid.of(id));
                    } else {
                        selected.uid((int) id).ifPresent(uids::add);
                    }
                }
            }
            return Mono.from(mailboxManager.getMailboxReactive(selected.getMailboxId(), session.getMailboxSession()))
                .flatMapMany(mailbox -> Flux.fromIterable(MessageRange.toRanges(uids))
                    .concatMap(uidRange -> mailbox.getMessagesReactive(uidRange, FetchGroup.MINIMAL, session.getMailboxSession())))
                .map(MessageResult::getModSeq)
                .reduce((first, second) -> first.compareTo(second) >= 0 ? first : second)
                .map(Optional::of)
                .defaultIfEmpty(Optional.ofNullable(answer.getHighestModSeq()));
        }
    }
}
