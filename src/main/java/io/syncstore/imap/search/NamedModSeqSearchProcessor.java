package io.syncstore.imap.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.request.SearchResultOption;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
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

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's SEARCH, except for the mod-sequence of an ESEARCH answer that names only its MIN and/or MAX message: that
 * message's (the higher of the two), as RFC 4731 §3.2 has it for RFC 7162 §3.1.5; James gives the highest of all the
 * matches. Such an answer and what follows it (the tagged OK) are held until the mod-sequence is read.
 */
public class NamedModSeqSearchProcessor extends SearchProcessor {
    private final MailboxManager mailboxManager;

    @Inject
    public NamedModSeqSearchProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
        this.mailboxManager = mailboxManager;
    }

    @Override
    protected Mono<Void> processRequestReactive(SearchRequest request, ImapSession session, Responder responder) {
        HeldAnswer held = new HeldAnswer(responder);
        return super.processRequestReactive(request, session, held)
            .then(Mono.defer(() -> held.release(session)))
            .onErrorResume(error -> held.release(session).then(Mono.error(error)));
    }

    private static boolean namesOnlyMinOrMax(ESearchResponse answer) {
        List<SearchResultOption> options = answer.getSearchResultOptions();
        return answer.getHighestModSeq() != null && !options.isEmpty()
            && options.stream().allMatch(option -> option == SearchResultOption.MIN || option == SearchResultOption.MAX);
    }

    private final class HeldAnswer implements Responder {
        private final Responder client;
        private final List<ImapResponseMessage> held = new ArrayList<>();
        private ESearchResponse answer;

        HeldAnswer(Responder client) {
            this.client = client;
        }

        @Override
        public synchronized void respond(ImapResponseMessage message) {
            if (answer == null && message instanceof ESearchResponse && namesOnlyMinOrMax((ESearchResponse) message)) {
                answer = (ESearchResponse) message;
            } else if (answer != null) {
                held.add(message);
            } else {
                client.respond(message);
            }
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
            return modSeqOfNamed(session)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .doOnNext(modSeq -> {
                    synchronized (this) {
                        client.respond(new ESearchResponse(answer.getMinUid(), answer.getMaxUid(), answer.getCount(),
                            answer.getAll(), modSeq.orElse(answer.getHighestModSeq()), answer.getTag(), answer.getUseUid(),
                            answer.getSearchResultOptions()));
                        held.forEach(client::respond);
                        held.clear();
                        answer = null;
                        client.flush();
                    }
                })
                .then();
        }

        private Mono<ModSeq> modSeqOfNamed(ImapSession session) {
            SelectedMailbox selected = session.getSelected();
            List<Long> named = new ArrayList<>();
            if (answer.getSearchResultOptions().contains(SearchResultOption.MIN) && answer.getMinUid() > 0) {
                named.add(answer.getMinUid());
            }
            if (answer.getSearchResultOptions().contains(SearchResultOption.MAX) && answer.getMaxUid() > 0) {
                named.add(answer.getMaxUid());
            }
            List<MessageUid> uids = new ArrayList<>();
            for (long id : named) {
                if (answer.getUseUid()) {
                    uids.add(MessageUid.of(id));
                } else {
                    selected.uid((int) id).ifPresent(uids::add);
                }
            }
            return Mono.from(mailboxManager.getMailboxReactive(selected.getMailboxId(), session.getMailboxSession()))
                .flatMapMany(mailbox -> Flux.fromIterable(uids)
                    .concatMap(uid -> mailbox.getMessagesReactive(MessageRange.one(uid), FetchGroup.MINIMAL,
                        session.getMailboxSession())))
                .map(MessageResult::getModSeq)
                .reduce((first, second) -> first.compareTo(second) >= 0 ? first : second);
        }
    }
}
