package io.syncstore.imap.condstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.FetchRequest;
import org.apache.james.imap.message.response.VanishedResponse;
import org.apache.james.imap.processor.EnableProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MessageRangeException;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

import io.syncstore.imap.conformance.fetch.SyncStoreFetchProcessor;

/**
 * James's FETCH, with {@code CHANGEDSINCE} narrowed to the messages that changed before anything is read (James reads
 * the metadata of the whole range and filters it), and {@code VANISHED} naming exactly the UIDs of the range expunged
 * since the modseq (James walks the range and misses expunged UIDs outside the surviving UID span).
 */
public class CondstoreFetchProcessor extends SyncStoreFetchProcessor {
    private volatile boolean useChangeLog = true;

    @Inject
    public CondstoreFetchProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    public void configure(ImapConfiguration configuration) {
        super.configure(configuration);
        useChangeLog = ChangeLogSetting.useChangeLog(configuration);
    }

    @Override
    protected Mono<Void> processRequestReactive(FetchRequest request, ImapSession session, Responder responder) {
        FetchData fetch = request.getFetch();
        SelectedMailbox selected = session.getSelected();
        Set<Capability> enabled = EnableProcessor.getEnabledCapabilities(session);
        boolean narrowable = fetch.getChangedSince() != -1 && selected != null
            && enabled.contains(ImapConstants.SUPPORTS_CONDSTORE)
            && (!fetch.getVanished() || enabled.contains(ImapConstants.SUPPORTS_QRESYNC));
        if (!narrowable) {
            // James's own answers: the CONDSTORE-enabling HIGHESTMODSEQ, and BAD for VANISHED without QRESYNC
            return super.processRequestReactive(request, session, responder);
        }
        UidSet scope;
        try {
            scope = scope(request, selected);
        } catch (MessageRangeException e) {
            taggedBad(request, responder, HumanReadableText.INVALID_MESSAGESET);
            return Mono.empty();
        }
        ModSeq since = ModSeq.of(fetch.getChangedSince());
        return Mono.from(getMailboxManager().getMailboxReactive(selected.getMailboxId(), session.getMailboxSession()))
            .map(mailbox -> new ChangeTracker(mailbox, selected, session.getMailboxSession(), useChangeLog))
            .flatMap(changes -> vanished(changes, fetch, since, scope, responder)
                .then(changes.changedSince(since, scope)
                    .map(message -> message.getComposedMessageId().getUid())
                    .collectList()))
            .map(changedUids -> narrowed(request, selected, changedUids))
            .flatMap(narrowed -> super.processRequestReactive(narrowed, session, responder));
    }

    private Mono<Void> vanished(ChangeTracker changes, FetchData fetch, ModSeq since, UidSet scope, Responder responder) {
        if (!fetch.getVanished()) {
            return Mono.empty();
        }
        return changes.vanishedSince(since, scope)
            .doOnNext(vanished -> {
                if (vanished.length > 0) {
                    responder.respond(new VanishedResponse(vanished, true));
                }
            })
            .then();
    }

    /** The messages the request names, as UIDs; for UID FETCH, the whole asked range, even where nothing is left. */
    private UidSet scope(FetchRequest request, SelectedMailbox selected) throws MessageRangeException {
        List<MessageRange> ranges = new ArrayList<>();
        for (IdRange range : request.getIdSet()) {
            messageRange(selected, range, request.isUseUids()).ifPresent(ranges::add);
        }
        return UidSet.of(ranges);
    }

    /**
     * The same FETCH on the changed messages only (none: just the unsolicited responses and OK), without VANISHED;
     * changed messages next to each other in the mailbox make one range, so one read.
     */
    private static FetchRequest narrowed(FetchRequest request, SelectedMailbox selected, List<MessageUid> changedUids) {
        int[] msns = changedUids.stream().mapToInt(uid -> selected.msn(uid).asInt().orElseThrow()).sorted().toArray();
        List<IdRange> ranges = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= msns.length; i++) {
            if (msns.length > 0 && (i == msns.length || msns[i] != msns[i - 1] + 1)) {
                ranges.add(request.isUseUids()
                    ? new IdRange(uidAt(selected, msns[start]), uidAt(selected, msns[i - 1]))
                    : new IdRange(msns[start], msns[i - 1]));
                start = i;
            }
        }
        FetchData fetch = FetchData.Builder.from(request.getFetch()).vanished(false).build();
        return new FetchRequest(request.isUseUids(), ranges.toArray(IdRange[]::new), fetch, request.getTag());
    }

    private static long uidAt(SelectedMailbox selected, int msn) {
        return selected.uid(msn).orElseThrow().asLong();
    }
}
