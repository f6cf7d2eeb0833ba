package io.syncstore.imap.condstore;

import org.apache.james.imap.api.message.UidRange;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.response.VanishedResponse;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;

import reactor.core.publisher.Mono;

/**
 * The QRESYNC parameter of SELECT/EXAMINE when the UIDVALIDITY matches (RFC 7162 §3.2.5): {@code VANISHED (EARLIER)}
 * names exactly the UIDs expunged since the client's modseq (within its known UIDs) and {@code FETCH (FLAGS UID
 * MODSEQ)} reports every message changed since, before the tagged OK. The sequence-match data is accepted and not
 * used: it only narrows the fallback's scan.
 */
public final class Resynchronization {
    private Resynchronization() {
    }

    public static Mono<Void> resync(MessageManager mailbox, SelectedMailbox selected, MailboxSession session, boolean useChangeLog,
                                    ModSeq since, UidRange[] knownUids, long uidNext, Responder responder) {
        ChangeTracker changes = new ChangeTracker(mailbox, selected, session, useChangeLog);
        UidSet scope = knownUids != null ? UidSet.ofUidRanges(knownUids)
            : uidNext > 1 ? UidSet.upTo(MessageUid.of(uidNext - 1)) : UidSet.empty();
        return changes.vanishedSince(since, scope)
            .doOnNext(vanished -> {
                if (vanished.length > 0) {
                    responder.respond(new VanishedResponse(vanished, true));
                }
            })
            .thenMany(changes.changedSince(since, scope).map(changes::flagsResponse))
            .doOnNext(responder::respond)
            .then();
    }
}
