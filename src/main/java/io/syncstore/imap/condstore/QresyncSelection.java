package io.syncstore.imap.condstore;

import java.util.function.BiFunction;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.message.UidRange;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.AbstractMailboxSelectionRequest;
import org.apache.james.imap.message.request.AbstractMailboxSelectionRequest.ClientSpecifiedUidValidity;
import org.apache.james.imap.message.response.VanishedResponse;
import org.apache.james.imap.processor.EnableProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager.MailboxMetaData;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.model.UidValidity;

import reactor.core.publisher.Mono;

/**
 * SELECT/EXAMINE, and with the QRESYNC parameter (RFC 7162 §3.2.5): James selects the mailbox as for a plain SELECT;
 * HIGHESTMODSEQ is read once the selection is done (see {@link #afterSelection}); then,
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
    private final StatusResponseFactory factory;
    private final PlainRequest<R> plainRequest;
    private volatile boolean useChangeLog = true;

    QresyncSelection(MailboxManager mailboxManager, StatusResponseFactory factory, PlainRequest<R> plainRequest) {
        this.mailboxManager = mailboxManager;
        this.factory = factory;
        this.plainRequest = plainRequest;
    }

    void configure(ImapConfiguration configuration) {
        useChangeLog = ChangeLogSetting.useChangeLog(configuration);
    }

    Mono<Void> process(R request, ImapSession session, Responder responder, BiFunction<R, Responder, Mono<Void>> select) {
        ClientSpecifiedUidValidity known = request.getLastKnownUidValidity();
        boolean qresyncEnabled = EnableProcessor.getEnabledCapabilities(session).contains(ImapConstants.SUPPORTS_QRESYNC);
        if (!known.isUnknown() && !qresyncEnabled) {
            return select.apply(request, responder); // James answers BAD
        }
        HeldStatusResponder held = new HeldStatusResponder(responder, factory);
        R selection = known.isUnknown() ? request : plainRequest.create(request);
        return select.apply(selection, held)
            .then(Mono.defer(() -> held.succeeded() ? afterSelection(request, session, responder, held) : Mono.empty()))
            .then(Mono.fromRunnable(held::releaseTagged));
    }

    /**
     * HIGHESTMODSEQ read now, after a read-write SELECT has cleared \Recent (which gives the recent messages new
     * modseqs; James reads HIGHESTMODSEQ concurrently and may report the value from before, so that the client's next
     * resync would fetch those flags again); read before the resync, which therefore covers every change up to it.
     */
    private Mono<Void> afterSelection(R request, ImapSession session, Responder responder, HeldStatusResponder held) {
        SelectedMailbox selected = session.getSelected();
        MailboxSession mailboxSession = session.getMailboxSession();
        ClientSpecifiedUidValidity known = request.getLastKnownUidValidity();
        boolean resync = !known.isUnknown() && held.uidValidity()
            .map(value -> known.correspondsTo(UidValidity.of(value)))
            .orElse(false);
        return Mono.from(mailboxManager.getMailboxReactive(selected.getMailboxId(), mailboxSession))
            .flatMap(mailbox -> ChangeTracker.metaData(mailbox, mailboxSession, MailboxMetaData.Item.HighestModSeq)
                .map(MailboxMetaData::getHighestModSeq)
                .doOnNext(held::releaseHighestModSeq)
                .then(resync ? resync(request, responder, held, new ChangeTracker(mailbox, selected, mailboxSession, useChangeLog))
                    : Mono.empty()));
    }

    private Mono<Void> resync(R request, Responder responder, HeldStatusResponder held, ChangeTracker changes) {
        ModSeq since = ModSeq.of(request.getKnownModSeq());
        UidSet scope = scope(request.getUidSet(), held);
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
