package io.syncstore.imap.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.display.ModifiedUtf7;
import org.apache.james.imap.message.request.AbstractMailboxSelectionRequest;
import org.apache.james.imap.message.request.DeleteRequest;
import org.apache.james.imap.message.response.ListResponse;
import org.apache.james.mailbox.model.MailboxMetaData;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;

import io.syncstore.imap.mode.ConnectionMode;
import io.syncstore.imap.mode.Utf8RequestLineReader;
import io.syncstore.imap.notify.NotifyListResponse;

/**
 * Mailbox names a UTF-8 connection wrote in another form than the one stored. Such a connection's names must be
 * Net-Unicode (RFC 6855 §3, RFC 9051 §5.1), so SyncStore takes each in Unicode Normalization Form C
 * ({@link Utf8RequestLineReader}); when CREATE or RENAME stored a name so changed, RFC 9051 §6.3.4 and §6.3.6 ask for
 * an untagged LIST of the stored name with the {@code OLDNAME} extended data item holding the name as written. That
 * LIST goes to IMAP4rev2 connections only: an IMAP4rev1 client (UTF8=ACCEPT alone) did not ask for extended LIST
 * data. SELECT, EXAMINE and DELETE of a name taken in another form ({@link StoredNames}: NFC, or a stored decomposed
 * form) carry OLDNAME on the LIST they send (RFC 9051 §6.3.2, §6.3.3, §6.3.5).
 */
public final class NormalizedNames {
    private NormalizedNames() {
    }

    /**
     * The responder of a SELECT or EXAMINE whose name was taken in another form: its LIST (§6.3.2) names the mailbox
     * opened, with the name as written in OLDNAME; of such a DELETE: a LIST of the name deleted, {@code \NonExistent},
     * with OLDNAME, before the tagged OK (§6.3.5). Any other command's responder is returned as it is.
     */
    public static Responder tellingOpenedOrDeleted(ImapMessage message, Responder responder, ImapSession session) {
        Optional<String> asWritten = Utf8RequestLineReader.lastNameAsWritten(session);
        if (asWritten.isEmpty() || !ConnectionMode.IMAP4REV2.enabledIn(session)) {
            return responder;
        }
        if (message instanceof DeleteRequest) {
            String deleted = ModifiedUtf7.decodeModifiedUTF7(((DeleteRequest) message).getMailboxName());
            return beforeOk(responder, new NotifyListResponse(List.of(NotifyListResponse.NON_EXISTENT),
                session.getMailboxSession().getPathDelimiter(), deleted, asWritten));
        }
        if (!(message instanceof AbstractMailboxSelectionRequest)) {
            return responder;
        }
        return new Responder() {
            @Override
            public void respond(ImapResponseMessage response) {
                responder.respond(response instanceof ListResponse ? withOldName((ListResponse) response, asWritten) : response);
            }

            @Override
            public void flush() {
                responder.flush();
            }
        };
    }

    private static NotifyListResponse withOldName(ListResponse list, Optional<String> asWritten) {
        List<String> attributes = new ArrayList<>();
        if (list.getChildren() != MailboxMetaData.Children.CHILDREN_ALLOWED_BUT_UNKNOWN) {
            attributes.add(list.getChildren() == MailboxMetaData.Children.HAS_CHILDREN ? "\\HasChildren" : "\\HasNoChildren");
        }
        String use = list.getTypeAsString();
        if (use != null && !use.isEmpty()) {
            attributes.add(use);
        }
        return new NotifyListResponse(attributes, list.getHierarchyDelimiter(), list.getName(), asWritten);
    }

    /** The responder of a CREATE or RENAME that stored {@code name}: the OLDNAME LIST goes just before its tagged OK. */
    public static Responder telling(Responder responder, ImapSession session, String name, Optional<String> asWritten) {
        if (asWritten.isEmpty() || !ConnectionMode.IMAP4REV2.enabledIn(session)) {
            return responder;
        }
        return beforeOk(responder, new NotifyListResponse(List.of(), session.getMailboxSession().getPathDelimiter(), name, asWritten));
    }

    private static Responder beforeOk(Responder responder, NotifyListResponse list) {
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
