package io.syncstore.imap.condstore;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.Optional;
import java.util.stream.LongStream;

import javax.mail.Flags;

import org.apache.james.imap.api.message.UidRange;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageSequenceNumber;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.ComposedMessageIdWithMetaData;
import org.apache.james.mailbox.MessageManager.MailboxMetaData;
import org.apache.james.mailbox.model.MessageRange;

import io.syncstore.api.MailboxChangeLog;
import io.syncstore.imap.selected.SessionFlags;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What changed in the selected mailbox since a modseq, as a client that knew it then must be told (RFC 7162): from the
 * backend's {@link MailboxChangeLog} when it has one, in time proportional to the changes; otherwise by reading the
 * metadata of every message and reporting as vanished every UID of the asked range that is not in the mailbox, which
 * RFC 7162 §3.2.5.2 allows a server without expunge records.
 */
final class ChangeTracker {
    private final MessageManager mailbox;
    private final SelectedMailbox selected;
    private final MailboxSession session;
    private final boolean useChangeLog;

    ChangeTracker(MessageManager mailbox, SelectedMailbox selected, MailboxSession session, boolean useChangeLog) {
        this.mailbox = mailbox;
        this.selected = selected;
        this.session = session;
        this.useChangeLog = useChangeLog;
    }

    private Optional<MailboxChangeLog> changeLog() {
        return useChangeLog && mailbox instanceof MailboxChangeLog ? Optional.of((MailboxChangeLog) mailbox) : Optional.empty();
    }

    /** UID, flags and modseq of the messages of {@code scope} still in the session's view, changed after the modseq. */
    Flux<ComposedMessageIdWithMetaData> changedSince(ModSeq modSeq, UidSet scope) {
        Flux<ComposedMessageIdWithMetaData> changed = changeLog()
            .map(log -> log.changedSince(modSeq, session))
            .orElseGet(() -> Flux.from(mailbox.listMessagesMetadata(MessageRange.all(), session))
                .filter(message -> message.getModSeq().asLong() > modSeq.asLong()));
        return changed.filter(message -> {
            MessageUid uid = message.getComposedMessageId().getUid();
            return scope.contains(uid) && selected.msn(uid).asInt().isPresent();
        });
    }

    /** The UIDs of {@code scope} expunged after the modseq, as ranges. */
    Mono<UidRange[]> vanishedSince(ModSeq modSeq, UidSet scope) {
        return changeLog()
            .map(log -> log.expungeFloor(session).flatMap(floor -> {
                if (modSeq.asLong() < floor.asLong()) {
                    return missingFrom(scope);
                }
                return log.expungedSince(modSeq, session)
                    .filter(uid -> scope.contains(uid) && selected.msn(uid).asInt().isEmpty())
                    .map(MessageUid::asLong)
                    .collectList()
                    .map(uids -> UidSet.ranges(uids.stream().mapToLong(Long::longValue).sorted().distinct().toArray()));
            }))
            .orElseGet(() -> missingFrom(scope));
    }

    /** The UIDs of {@code scope} ever given (below UIDNEXT) that are not in the session's view. */
    private Mono<UidRange[]> missingFrom(UidSet scope) {
        return metaData(mailbox, session, MailboxMetaData.Item.NextUid)
            .map(metaData -> scope.minus(presentUids(), metaData.getUidNext().asLong() - 1));
    }

    /** One metadata item of the mailbox, read without touching \Recent. */
    static Mono<MailboxMetaData> metaData(MessageManager mailbox, MailboxSession session, MailboxMetaData.Item item) {
        return Mono.defer(() -> {
            try {
                return mailbox.getMetaDataReactive(MailboxMetaData.RecentMode.IGNORE, session, EnumSet.of(item));
            } catch (MailboxException e) {
                return Mono.error(e);
            }
        });
    }

    /** {@code * n FETCH (FLAGS (...) UID u MODSEQ (m))}, \Recent included when the session holds it. */
    FetchResponse flagsResponse(ComposedMessageIdWithMetaData message) {
        MessageUid uid = message.getComposedMessageId().getUid();
        Flags flags = SessionFlags.of(message.getFlags(), selected, uid);
        int msn = selected.msn(uid).asInt().orElseThrow();
        return new FetchResponse(MessageSequenceNumber.of(msn), flags, uid, null, message.getModSeq(),
            null, null, null, null, null, null, null, null);
    }

    private long[] presentUids() {
        int count = (int) selected.existsCount();
        return LongStream.rangeClosed(1, count)
            .mapToObj(msn -> selected.uid((int) msn))
            .flatMap(Optional::stream)
            .sorted(Comparator.naturalOrder())
            .mapToLong(MessageUid::asLong)
            .toArray();
    }
}
