package io.syncstore.imap.names;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.process.ImapSession;

import io.syncstore.imap.channel.DeferredCommand;
import io.syncstore.imap.mode.StorageNeeded;
import io.syncstore.imap.mode.StoredNameLookup;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Decodes a {@link DeferredCommand} when its turn comes, on the thread that started it (the event loop, mostly). A
 * UTF-8 connection's non-ASCII mailbox name is looked up among the stored names ({@link StoredNames}), which reads
 * storage: decoding meets such a name with a lookup that may not read ({@link StorageNeeded}), and only that command is
 * decoded again off the event loop, then goes on on the event loop. Every other command is decoded where it started,
 * without a thread hop.
 */
public final class CommandDecoding {
    private final StoredNameLookup storedNames;

    public CommandDecoding(StoredNameLookup storedNames) {
        this.storedNames = storedNames;
    }

    /** @param backOnEventLoop completes on the connection's event loop */
    public Mono<ImapMessage> decoded(ImapMessage received, ImapSession session, Mono<Void> backOnEventLoop) {
        if (!(received instanceof DeferredCommand)) {
            return Mono.just(received);
        }
        DeferredCommand command = (DeferredCommand) received;
        return Mono.fromCallable(() -> decode(command, session, StoredNames.WITHOUT_STORAGE))
            .onErrorResume(StorageNeeded.class, needed -> Mono.fromCallable(() -> decode(command, session, storedNames))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(message -> backOnEventLoop.thenReturn(message)));
    }

    private static ImapMessage decode(DeferredCommand command, ImapSession session, StoredNameLookup lookup) {
        StoredNameLookup.offer(session, lookup);
        return command.decode(session);
    }
}
