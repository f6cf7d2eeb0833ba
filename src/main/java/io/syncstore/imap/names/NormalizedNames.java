package io.syncstore.imap.names;

import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.ImapRequestLineReader;

import io.syncstore.imap.mode.ConnectionMode;
import io.syncstore.imap.mode.Utf8RequestLineReader;
import io.syncstore.imap.notify.NotifyListResponse;

/**
 * Mailbox names a UTF-8 connection wrote in another form than the one stored. Such a connection's names must be
 * Net-Unicode (RFC 6855 §3, RFC 9051 §5.1), so SyncStore takes each in Unicode Normalization Form C
 * ({@link Utf8RequestLineReader}); when CREATE or RENAME stored a name so changed, RFC 9051 §6.3.4 and §6.3.6 ask for
 * an untagged LIST of the stored name with the {@code OLDNAME} extended data item holding the name as written. That
 * LIST goes to IMAP4rev2 connections only: an IMAP4rev1 client (UTF8=ACCEPT alone) did not ask for extended LIST
 * data.
 */
public final class NormalizedNames {
    private NormalizedNames() {
    }

    /** The last name the reader took, as written, when it was normalized to another form. */
    public static Optional<String> lastAsWritten(ImapRequestLineReader request) {
        return request instanceof Utf8RequestLineReader ? ((Utf8RequestLineReader) request).lastNameAsWritten() : Optional.empty();
    }

    /** The responder of a CREATE or RENAME that stored {@code name}: the OLDNAME LIST goes just before its tagged OK. */
    public static Responder telling(Responder responder, ImapSession session, String name, Optional<String> asWritten) {
        if (asWritten.isEmpty() || !ConnectionMode.IMAP4REV2.enabledIn(session)) {
            return responder;
        }
        NotifyListResponse list = new NotifyListResponse(List.of(), session.getMailboxSession().getPathDelimiter(), name, asWritten);
        return new Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                if (message instanceof StatusResponse && ((StatusResponse) message).getTag() != null
                    && ((StatusResponse) message).getServerResponseType() == StatusResponse.Type.OK) {
                    responder.respond(list);
                }
                responder.respond(message);
            }

            @Override
            public void flush() {
                responder.flush();
            }
        };
    }
}
