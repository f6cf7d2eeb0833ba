package io.syncstore.imap;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.mailbox.MailboxManager;

import io.syncstore.api.StoreReachability;
import io.syncstore.imap.notify.NotifyStatusResponse;

/**
 * A command that failed while the mail store is out of reach is answered {@code NO [UNAVAILABLE]} (RFC 5530): the
 * client may try again later. Done where every tagged answer passes, because James's processors answer a failed
 * command with a NO of their own wording and drop the exception that would tell why.
 */
final class OutOfReachAnswers {
    private static final String UNAVAILABLE = "UNAVAILABLE";

    private final StoreReachability store;

    private OutOfReachAnswers(StoreReachability store) {
        this.store = store;
    }

    static OutOfReachAnswers of(MailboxManager mailboxManager) {
        return new OutOfReachAnswers(mailboxManager instanceof StoreReachability ? (StoreReachability) mailboxManager : () -> false);
    }

    Responder answering(Responder responder) {
        return new Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                responder.respond(isPlainTaggedNo(message) && store.isOutOfReach() ? unavailable((StatusResponse) message) : message);
            }

            @Override
            public void flush() {
                responder.flush();
            }
        };
    }

    private static boolean isPlainTaggedNo(ImapResponseMessage message) {
        if (!(message instanceof StatusResponse)) {
            return false;
        }
        StatusResponse status = (StatusResponse) message;
        return status.getServerResponseType() == StatusResponse.Type.NO && status.getTag() != null && status.getResponseCode() == null;
    }

    private static ImapResponseMessage unavailable(StatusResponse failed) {
        return NotifyStatusResponse.taggedNo(failed.getTag(), UNAVAILABLE, failed.getTextKey().getDefaultValue());
    }
}
