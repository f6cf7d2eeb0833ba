package io.syncstore.imap.selected;

import java.util.Locale;
import java.util.Set;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.message.request.AbstractMessageRangeRequest;
import org.apache.james.imap.message.request.ExpungeRequest;
import org.apache.james.imap.message.request.FetchRequest;
import org.apache.james.imap.message.request.SearchRequest;
import org.apache.james.imap.message.request.StoreRequest;

/** What may be told before a command's tagged status (RFC 3501 §7.4.1, RFC 9051 §7.5). */
public final class CommandTelling {
    /** Commands answering with sequence numbers: no EXPUNGE in their responses unless they are the UID form. */
    private static final Set<String> SEQUENCE_ANSWERS = Set.of("FETCH", "STORE", "SEARCH", "SORT", "THREAD");

    private CommandTelling() {
    }

    public static Telling of(ImapMessage message) {
        boolean uids = usesUids(message);
        boolean answersWithSequenceNumbers = message instanceof ImapRequest
            && SEQUENCE_ANSWERS.contains(((ImapRequest) message).getCommand().getName().toUpperCase(Locale.US));
        return Telling.of(uids || !answersWithSequenceNumbers, uids, true);
    }

    private static boolean usesUids(ImapMessage message) {
        if (message instanceof FetchRequest) {
            return ((FetchRequest) message).isUseUids();
        }
        if (message instanceof StoreRequest) {
            return ((StoreRequest) message).isUseUids();
        }
        if (message instanceof SearchRequest) {
            return ((SearchRequest) message).isUseUids();
        }
        if (message instanceof AbstractMessageRangeRequest) {
            return ((AbstractMessageRangeRequest) message).isUseUids();
        }
        return message instanceof ExpungeRequest && ((ExpungeRequest) message).getUidSet() != null;
    }
}
