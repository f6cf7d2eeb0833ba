package io.syncstore.imap.condstore;

import java.util.Optional;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.mailbox.ModSeq;

/**
 * Passes a SELECT's responses on, except its HIGHESTMODSEQ and its tagged status, which it holds so that a later
 * HIGHESTMODSEQ and resynchronization responses can go before the tagged status; notes the UIDVALIDITY and UIDNEXT.
 */
final class HeldStatusResponder implements Responder {
    private final Responder delegate;
    private final StatusResponseFactory factory;
    private StatusResponse tagged;
    private StatusResponse highestModSeq;
    private Long uidValidity;
    private Long uidNext;

    HeldStatusResponder(Responder delegate, StatusResponseFactory factory) {
        this.delegate = delegate;
        this.factory = factory;
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
            if (code != null && "HIGHESTMODSEQ".equals(code.getCode())) {
                highestModSeq = status;
                return;
            }
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

    /** {@code * OK [HIGHESTMODSEQ n]} with the value read after the selection, if the selection announced one. */
    void releaseHighestModSeq(ModSeq current) {
        if (highestModSeq != null) {
            long announced = highestModSeq.getResponseCode().getNumber();
            ModSeq value = current.asLong() > announced ? current : ModSeq.of(announced);
            delegate.respond(factory.untaggedOk(highestModSeq.getTextKey(), StatusResponse.ResponseCode.highestModSeq(value)));
            highestModSeq = null;
        }
    }

    void releaseTagged() {
        if (highestModSeq != null) {
            delegate.respond(highestModSeq);
        }
        if (tagged != null) {
            delegate.respond(tagged);
        }
    }
}
