package io.syncstore.imap.condstore;

import java.util.List;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.response.VanishedResponse;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.model.MessageRange;

import reactor.core.publisher.Mono;

/**
 * The FETCH modifiers CHANGEDSINCE and VANISHED (RFC 7162 §3.1.4, §3.2.6) for a FETCH engine: the messages of the
 * asked range that changed, found before anything is read (from the backend's change log when it has one), and
 * VANISHED naming exactly the UIDs of the range expunged since the modseq.
 */
public final class ChangedSinceFetch {
    private final boolean useChangeLog;

    private ChangedSinceFetch(boolean useChangeLog) {
        this.useChangeLog = useChangeLog;
    }

    public static ChangedSinceFetch configuredBy(ImapConfiguration configuration) {
        return new ChangedSinceFetch(ChangeLogSetting.useChangeLog(configuration));
    }

    public static ChangedSinceFetch withChangeLog() {
        return new ChangedSinceFetch(true);
    }

    /**
     * Sends {@code * VANISHED (EARLIER)} for the expunged UIDs of {@code scope} when {@code vanished}, then gives the
     * UIDs of {@code scope}, in the session's view, changed after {@code since}, ascending.
     */
    public Mono<List<MessageUid>> changedUids(MessageManager mailbox, SelectedMailbox selected, MailboxSession session,
                                              ModSeq since, List<MessageRange> scope, boolean vanished,
                                              Responder responder) {
        ChangeTracker changes = new ChangeTracker(mailbox, selected, session, useChangeLog);
        UidSet uids = UidSet.of(scope);
        Mono<Void> vanishedResponse = vanished
            ? changes.vanishedSince(since, uids)
                .doOnNext(expunged -> {
                    if (expunged.length > 0) {
                        responder.respond(new VanishedResponse(expunged, true));
                    }
                })
                .then()
            : Mono.empty();
        return vanishedResponse.then(changes.changedSince(since, uids)
            .map(message -> message.getComposedMessageId().getUid())
            .sort()
            .collectList());
    }
}
