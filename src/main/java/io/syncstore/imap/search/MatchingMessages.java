package io.syncstore.imap.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.request.SearchOperation;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.SearchRequest;
import org.apache.james.imap.message.response.SearchResponse;
import org.apache.james.imap.processor.SearchProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.metrics.api.MetricFactory;

import com.github.fge.lambdas.Throwing;
import com.google.common.collect.ImmutableList;

import io.syncstore.api.MessageSortingFields;
import io.syncstore.api.SortingFields;

import it.unimi.dsi.fastutil.longs.LongList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The messages of the selected mailbox that match SORT's or THREAD's search keys, each read as its {@link SortingFields}.
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

    /** What the search found; empty when it failed and its failure was sent. */
    Mono<Optional<FoundMessages>> find(Tag tag, SearchKey key, boolean useUids, ImapSession session, Responder responder) {
        SearchResultCapture capture = new SearchResultCapture(responder);
        // by UID: numbered below only once, after the search's unsolicited responses updated what the client was told
        SearchRequest searchRequest = new SearchRequest(new SearchOperation(key, ImmutableList.of()), true, tag);
        return search.processReactive(searchRequest, capture, session)
            .then(Mono.fromSupplier(() -> {
                Optional<LongList> ids = capture.ids();
                if (ids.isEmpty()) {
                    capture.failure().ifPresent(responder::respond);
                    return Optional.empty();
                }
                return Optional.of(FoundMessages.of(ids.get().toLongArray(), useUids, session.getSelected(), capture.modSeqAsked));
            }));
    }

    /** The messages found, each read as an {@code M}, in mailbox order. */
    Mono<Matches<M>> read(FoundMessages found, ImapSession session) {
        long[] uids = found.uids();
        Set<MessageUid> asked = new HashSet<>();
        for (long uid : uids) {
            asked.add(MessageUid.of(uid));
        }
        MailboxSession mailboxSession = session.getMailboxSession();
        return Mono.from(mailboxManager.getMailboxReactive(session.getSelected().getMailboxId(), mailboxSession))
            .flatMap(mailbox -> sortingFields(mailbox, asked, mailboxSession))
            .map(fields -> {
                List<M> messages = new ArrayList<>(uids.length);
                for (int i = 0; i < uids.length; i++) {
                    SortingFields message = fields.get(MessageUid.of(uids[i]));
                    if (message != null) {
                        messages.add(reader.read(found.numberAt(i), message));
                    }
                }
                return new Matches<>(messages, found.modSeqAsked());
            });
    }

    /** From the fields the backend keeps when it does, else (and for messages it has none for) from the headers. */
    private static Mono<Map<MessageUid, SortingFields>> sortingFields(MessageManager mailbox, Set<MessageUid> uids,
                                                                      MailboxSession session) {
        if (!(mailbox instanceof MessageSortingFields)) {
            return fromHeaders(mailbox, uids, session);
        }
        return ((MessageSortingFields) mailbox).sortingFields(uids, session)
            .flatMap(stored -> {
                Set<MessageUid> missing = uids.stream().filter(uid -> !stored.containsKey(uid)).collect(Collectors.toSet());
                if (missing.isEmpty()) {
                    return Mono.just(stored);
                }
                return fromHeaders(mailbox, missing, session).map(read -> {
                    Map<MessageUid, SortingFields> all = new HashMap<>(stored);
                    all.putAll(read);
                    return all;
                });
            });
    }

    private static Mono<Map<MessageUid, SortingFields>> fromHeaders(MessageManager mailbox, Set<MessageUid> uids,
                                                                    MailboxSession session) {
        return Flux.fromIterable(MessageRange.toRanges(uids))
            .concatMap(range -> mailbox.getMessagesReactive(range, FetchGroup.HEADERS, session))
            .filter(message -> uids.contains(message.getUid()))
            .collectMap(MessageResult::getUid, Throwing.function(HeaderSortingFields::of));
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
