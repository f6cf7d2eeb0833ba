package io.syncstore.imap.condstore;

import java.util.function.BiFunction;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.message.UidRange;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.AbstractMailboxSelectionRequest;
import org.apache.james.imap.message.request.AbstractMailboxSelectionRequest.ClientSpecifiedUidValidity;
import org.apache.james.imap.message.response.VanishedResponse;
import org.apache.james.imap.processor.EnableProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.model.UidValidity;

import reactor.core.publisher.Mono;

/**
 * SELECT/EXAMINE with the QRESYNC parameter (RFC 7162 §3.2.5): James selects the mailbox as for a plain SELECT; then,
 * when the UIDVALIDITY matches, {@code VANISHED (EARLIER)} names exactly the UIDs expunged since the client's modseq
 * (within its known UIDs) and {@code FETCH (FLAGS UID MODSEQ)} reports every message changed since, before the tagged
 * OK. James's own handling ignores the modseq and misses expunged UIDs outside the surviving UID range.
 * The sequence-match data is accepted and not used: it only narrows the fallback's scan.
 */
final class QresyncSelection<R extends AbstractMailboxSelectionRequest> {
    /** A plain selection of the same mailbox: the request without its QRESYNC parameter. */
    interface PlainRequest<R> {
        R create(R request);
    }

    private final MailboxManager mailboxManager;
    private final PlainRequest<R> plainRequest;
    private volatile boolean useChangeLog = true;

    QresyncSelection(MailboxManager mailboxManager, PlainRequest<R> plainRequest) {
        this.mailboxManager = mailboxManager;
        this.plainRequest = plainRequest;
    }

    void configure(ImapConfiguration configuration) {
        useChangeLog = ChangeLogSetting.useChangeLog(configuration);
    }

    Mono<Void> process(R request, ImapSession session, Responder responder, BiFunction<R, Responder, Mono<Void>> select) {
        ClientSpecifiedUidValidity known = request.getLastKnownUidValidity();
        boolean qresyncEnabled = EnableProcessor.getEnabledCapabilities(session).contains(ImapConstants.SUPPORTS_QRESYNC);
        if (known.isUnknown() || !qresyncEnabled) {
            return select.apply(request, responder);
        }
        HeldStatusResponder held = new HeldStatusResponder(responder);
        return select.apply(plainRequest.create(request), held)
            .then(Mono.defer(() -> {
                boolean sameMailbox = held.succeeded() && held.uidValidity()
                    .map(value -> known.correspondsTo(UidValidity.of(value)))
                    .orElse(false);
                return sameMailbox ? resync(request, session, responder, held) : Mono.empty();
            }))
            .then(Mono.fromRunnable(held::release));
    }

    private Mono<Void> resync(R request, ImapSession session, Responder responder, HeldStatusResponder held) {
        SelectedMailbox selected = session.getSelected();
        ModSeq since = ModSeq.of(request.getKnownModSeq());
        UidSet scope = scope(request.getUidSet(), held);
        return Mono.from(mailboxManager.getMailboxReactive(selected.getMailboxId(), session.getMailboxSession()))
            .map(mailbox -> new ChangeTracker(mailbox, selected, session.getMailboxSession(), useChangeLog))
            .flatMap(changes -> changes.vanishedSince(since, scope)
                .doOnNext(vanished -> {
                    if (vanished.length > 0) {
                        responder.respond(new VanishedResponse(vanished, true));
                    }
                })
                .thenMany(changes.changedSince(since, scope).map(changes::flagsResponse))
                .doOnNext(responder::respond)
                .then());
    }

    private static UidSet scope(UidRange[] knownUids, HeldStatusResponder held) {
        if (knownUids != null) {
            return UidSet.ofUidRanges(knownUids);
        }
        return held.uidNext()
            .filter(next -> next > 1)
            .map(next -> UidSet.upTo(MessageUid.of(next - 1)))
            .orElse(UidSet.empty());
    }
}
