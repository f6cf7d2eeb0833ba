package io.syncstore.imap.search;

import java.util.Optional;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.message.response.SearchResponse;

import it.unimi.dsi.fastutil.longs.LongList;

/**
 * The responder James's SEARCH processor answers into when SORT runs the search: the result and the tagged status
 * are kept for SORT to answer with; unsolicited responses (EXISTS, EXPUNGE, FETCH) go to the client as they come.
 */
final class SearchResultCapture implements Responder {
    private final Responder client;
    private LongList ids;
    private StatusResponse status;

    SearchResultCapture(Responder client) {
        this.client = client;
    }

    @Override
    public void respond(ImapResponseMessage message) {
        if (message instanceof SearchResponse) {
            ids = ((SearchResponse) message).getIds();
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

    /** The matching messages, when the search completed. */
    Optional<LongList> ids() {
        boolean completed = status != null && status.getServerResponseType() == StatusResponse.Type.OK;
        return completed ? Optional.ofNullable(ids) : Optional.empty();
    }

    /** Why the search failed: its tagged NO or BAD. */
    Optional<StatusResponse> failure() {
        return Optional.ofNullable(status).filter(response -> response.getServerResponseType() != StatusResponse.Type.OK);
    }
}
