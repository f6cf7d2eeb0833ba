package io.syncstore.imap.channel;

import java.util.function.Function;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.process.ImapSession;

/**
 * One complete IMAP command (its line and literals) as received, decoded only when its turn comes, after the commands
 * before it have been executed. James decodes a command as soon as its bytes arrive, and its parsers check the
 * session state at that moment: a command pipelined after LOGIN or SELECT was refused as "not valid in this state".
 * Produced by SyncStore's server (its IMAP framer); {@code ImapProcessorChain} decodes and dispatches it.
 */
public final class DeferredCommand implements ImapMessage {
    private final Function<ImapSession, ImapMessage> decoding;
    private final int size;

    public DeferredCommand(Function<ImapSession, ImapMessage> decoding, int size) {
        this.decoding = decoding;
        this.size = size;
    }

    /** The command decoded against the session as it is now. */
    public ImapMessage decode(ImapSession session) {
        return decoding.apply(session);
    }

    @Override
    public String toString() {
        return "DeferredCommand(" + size + " bytes)";
    }
}
