package io.syncstore.imap.condstore;

import java.util.Optional;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapProcessor.Responder;

/**
 * Passes a SELECT's responses on, except its tagged status, which it holds so that resynchronization responses can
 * go before it; notes the UIDVALIDITY and UIDNEXT the SELECT announced.
 */
final class HeldStatusResponder implements Responder {
    private final Responder delegate;
    private StatusResponse tagged;
    private Long uidValidity;
    private Long uidNext;

    HeldStatusResponder(Responder delegate) {
        this.delegate = delegate;
    }

    @Override
    public void respond(ImapResponseMessage message) {
        if (message instanceof StatusResponse) {
            StatusResponse status = (StatusResponse) message;
            if (status.getTag() != null) {
                tagged = status;
                return;
            }
            StatusResponse.ResponseCode code = status.getResponseCode();
            if (code != null && "UIDVALIDITY".equals(code.getCode())) {
                uidValidity = code.getNumber();
            } else if (code != null && "UIDNEXT".equals(code.getCode())) {
                uidNext = code.getNumber();
            }
        }
        delegate.respond(message);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    boolean succeeded() {
        return tagged != null && tagged.getServerResponseType() == StatusResponse.Type.OK;
    }

    Optional<Long> uidValidity() {
        return Optional.ofNullable(uidValidity);
    }

    Optional<Long> uidNext() {
        return Optional.ofNullable(uidNext);
    }

    void release() {
        if (tagged != null) {
            delegate.respond(tagged);
        }
    }
}
