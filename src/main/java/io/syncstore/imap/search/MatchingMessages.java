package io.syncstore.imap.search;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.request.SearchOperation;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.SearchRequest;
import org.apache.james.imap.message.response.SearchResponse;
import org.apache.james.imap.processor.SearchProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.metrics.api.MetricFactory;

import com.github.fge.lambdas.Throwing;
import com.google.common.collect.ImmutableList;

import it.unimi.dsi.fastutil.longs.LongList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The messages of the selected mailbox that match SORT's or THREAD's search keys, each read from its headers.
 * James's SEARCH processor selects them (so the mailbox's search index answers, with James's meaning of every key);
 * its unsolicited responses go to the client, its failure (NO, BAD) is the command's.
 */
final class MatchingMessages<M> {
    private final MailboxManager mailboxManager;
    private final SearchProcessor search;
    private final MatchedMessageReader<M> reader;

    MatchingMessages(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                     MatchedMessageReader<M> reader) {
        this.mailboxManager = mailboxManager;
        this.search = new SearchProcessor(mailboxManager, factory, metricFactory);
        this.reader = reader;
    }

    /** The matches, numbered by UID or sequence number; empty when the search failed and its failure was sent. */
    Mono<Optional<Matches<M>>> find(Tag tag, SearchKey key, boolean useUids, ImapSession session,
                                               Responder responder) {
        SearchResultCapture capture = new SearchResultCapture(responder);
        SearchRequest searchRequest = new SearchRequest(new SearchOperation(key, ImmutableList.of()), useUids, tag);
        return search.processReactive(searchRequest, capture, session)
            .then(Mono.defer(() -> {
                Optional<LongList> ids = capture.ids();
                if (ids.isEmpty()) {
                    capture.failure().ifPresent(responder::respond);
                    return Mono.just(Optional.<Matches<M>>empty());
                }
                return read(ids.get(), useUids, session).map(messages -> Optional.of(new Matches<>(messages, capture.modSeqAsked)));
            }));
    }

    private Mono<List<M>> read(LongList ids, boolean useUids, ImapSession session) {
        SelectedMailbox selected = session.getSelected();
        Map<MessageUid, Long> numbers = new HashMap<>();
        for (long id : ids) {
            if (useUids) {
                numbers.put(MessageUid.of(id), id);
            } else {
                selected.uid((int) id).ifPresent(uid -> numbers.put(uid, id));
            }
        }
        MailboxSession mailboxSession = session.getMailboxSession();
        return Mono.from(mailboxManager.getMailboxReactive(selected.getMailboxId(), mailboxSession))
            .flatMapMany(mailbox -> Flux.fromIterable(MessageRange.toRanges(numbers.keySet()))
                .concatMap(range -> mailbox.getMessagesReactive(range, FetchGroup.HEADERS, mailboxSession)))
            .filter(message -> numbers.containsKey(message.getUid()))
            .map(Throwing.function(message -> reader.read(numbers.get(message.getUid()), message)))
            .collectList();
    }

    /** Keeps what SEARCH answered for the caller; passes unsolicited responses through. */
    private static final class SearchResultCapture implements Responder {
        private final Responder client;
        private LongList ids;
        private boolean modSeqAsked;
        private StatusResponse status;

        SearchResultCapture(Responder client) {
            this.client = client;
        }

        @Override
        public void respond(ImapResponseMessage message) {
            if (message instanceof SearchResponse) {
                ids = ((SearchResponse) message).getIds();
                // James's SEARCH answers with a mod-sequence exactly when its keys held MODSEQ (RFC 7162 §3.1.5)
                modSeqAsked = ((SearchResponse) message).getHighestModSeq() != null;
            } else if (message instanceof StatusResponse && ((StatusResponse) message).getTag() != null) {
                status = (StatusResponse) message;
            } else {
                client.respond(message);
            }
        }

        @Override
        public void flush() {
            client.flush();
        }

        Optional<LongList> ids() {
            boolean completed = status != null && status.getServerResponseType() == StatusResponse.Type.OK;
            return completed ? Optional.ofNullable(ids) : Optional.empty();
        }

        Optional<StatusResponse> failure() {
            return Optional.ofNullable(status).filter(response -> response.getServerResponseType() != StatusResponse.Type.OK);
        }
    }
}
