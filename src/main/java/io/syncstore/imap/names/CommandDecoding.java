package io.syncstore.imap.names;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.process.ImapSession;

import io.syncstore.imap.channel.DeferredCommand;
import io.syncstore.imap.mode.ConnectionMode;
import io.syncstore.imap.mode.StoredNameLookup;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Decodes a {@link DeferredCommand} when its turn comes. A UTF-8 connection's non-ASCII mailbox name is looked up
 * among the stored names ({@link StoredNames}), which reads storage: a command that may hold one (an octet above 127
 * where a name can be) is decoded off the event loop and goes on on it. Every other command names mailboxes in
 * US-ASCII only, which the lookup takes as written, and is decoded where it started, without a thread hop.
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
        Mono<ImapMessage> decoded = Mono.fromCallable(() -> decode(command, session));
        if (command.mayNameNonAscii() && ConnectionMode.utf8(session)) {
            return decoded.subscribeOn(Schedulers.boundedElastic()).flatMap(message -> backOnEventLoop.thenReturn(message));
        }
        return decoded;
    }

    private ImapMessage decode(DeferredCommand command, ImapSession session) {
        StoredNameLookup.offer(session, storedNames);
        return command.decode(session);
    }
}
