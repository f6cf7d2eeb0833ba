package io.syncstore.imap.copy;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.AbstractMessageRangeRequest;
import org.apache.james.imap.processor.AbstractMessageRangeProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MessageRangeException;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.imap.main.PathConverter;
import org.apache.james.metrics.api.MetricFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.fge.lambdas.Throwing;
import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * COPY and MOVE with a COPYUID (RFC 4315 §3) that names the source messages by their UIDs, and, for MOVE, sent in an
 * untagged OK before the EXPUNGEs (RFC 6851 §4.3). Otherwise as James's {@link AbstractMessageRangeProcessor}.
 */
abstract class UidPlusRangeProcessor<R extends AbstractMessageRangeRequest> extends AbstractMessageRangeProcessor<R> {
    private static final Logger LOGGER = LoggerFactory.getLogger(UidPlusRangeProcessor.class);

    UidPlusRangeProcessor(Class<R> acceptableClass, MailboxManager mailboxManager, StatusResponseFactory factory,
                          MetricFactory metricFactory) {
        super(acceptableClass, mailboxManager, factory, metricFactory);
    }

    /** True for MOVE: the COPYUID goes in an untagged OK before the expunges, the tagged OK has none. */
    protected abstract boolean copyUidBeforeExpunges();

    @Override
    protected Mono<Void> processRequestReactive(R request, ImapSession session, Responder responder) {
        MailboxPath targetPath = PathConverter.forSession(session).buildFullPath(request.getMailboxName());
        MailboxSession mailboxSession = session.getMailboxSession();
        SelectedMailbox selected = session.getSelected();

        return Mono.from(getMailboxManager().mailboxExists(targetPath, mailboxSession))
            .flatMap(exists -> {
                if (!exists) {
                    no(request, responder, HumanReadableText.FAILURE_NO_SUCH_MAILBOX, StatusResponse.ResponseCode.tryCreate());
                    return Mono.empty();
                }
                return Mono.zip(Mono.from(getMailboxManager().getMailboxReactive(targetPath, mailboxSession)),
                        getSelectedMailboxReactive(session))
                    .flatMap(Throwing.<reactor.util.function.Tuple2<MessageManager, MessageManager>, Mono<Void>>function(
                        managers -> transfer(request, session, responder, selected, managers.getT1(), managers.getT2()))
                        .sneakyThrow());
            })
            .onErrorResume(MessageRangeException.class, e -> {
                taggedBad(request, responder, HumanReadableText.INVALID_MESSAGESET);
                return Mono.empty();
            })
            .onErrorResume(MailboxException.class, e -> {
                LOGGER.error("{} failed from mailbox {} to {}", getOperationName(), selected.getMailboxId(), targetPath, e);
                no(request, responder, HumanReadableText.GENERIC_FAILURE_DURING_PROCESSING);
                return Mono.empty();
            })
            .then();
    }

    private Mono<Void> transfer(R request, ImapSession session, Responder responder, SelectedMailbox selected,
                                MessageManager target, MessageManager source) throws MailboxException {
        UidValidity uidValidity = target.getMailboxEntity().getUidValidity();
        MailboxSession mailboxSession = session.getMailboxSession();
        List<MessageRange> ranges = new ArrayList<>();
        for (IdRange range : request.getIdSet()) {
            // none for a UID range in an empty mailbox: it names nothing, and the answer is OK (RFC 9051 §6.4.8)
            messageRange(selected, range, request.isUseUids()).ifPresent(ranges::add);
        }
        return Flux.fromIterable(ranges)
            .concatMap(range -> Flux.from(source.listMessagesMetadata(range, mailboxSession))
                .map(metadata -> metadata.getComposedMessageId().getUid()))
            .distinct()
            .sort()
            .collect(ImmutableList.<MessageUid>toImmutableList())
            .flatMap(sources -> Flux.fromIterable(ranges)
                .concatMap(range -> process(target.getId(), selected, mailboxSession, range))
                .collectList()
                .flatMap(targets -> respond(request, session, responder, uidValidity, sources, targets)));
    }

    private Mono<Void> respond(R request, ImapSession session, Responder responder, UidValidity uidValidity,
                               List<MessageUid> sources, List<MessageRange> targets) {
        if (sources.isEmpty()) {
            // nothing matched: no COPYUID (RFC 4315 §3 has no empty set)
            return unsolicitedResponses(session, responder, request.isUseUids())
                .then(Mono.fromRunnable(() -> okComplete(request, responder)));
        }
        StatusResponse.ResponseCode copyUid = CopyUidResponses.copyUid(uidValidity, sources, targets);
        if (copyUidBeforeExpunges()) {
            return Mono.fromRunnable(() -> responder.respond(getStatusResponseFactory()
                    .untaggedOk(HumanReadableText.COMPLETED, copyUid)))
                .then(unsolicitedResponses(session, responder, request.isUseUids()))
                .then(Mono.fromRunnable(() -> okComplete(request, responder)));
        }
        return unsolicitedResponses(session, responder, request.isUseUids())
            .then(Mono.fromRunnable(() -> okComplete(request, copyUid, responder)));
    }
}
