package io.syncstore.imap.channel;

import java.io.Closeable;
import java.util.function.Function;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.AbstractImapRequest;

/**
 * One complete IMAP command (its line and literals) as received, decoded only when its turn comes, after the commands
 * before it have been executed. James decodes a command as soon as its bytes arrive, and its parsers check the
 * session state at that moment: a command pipelined after LOGIN or SELECT was refused as "not valid in this state".
 * Produced by SyncStore's server (its IMAP framer); {@code ImapProcessorChain} decodes and dispatches it.
 *
 * <p>It carries the tag and command name read from its first line so that James can answer it (NO) when its request
 * throttle refuses it before it is decoded; James closes it once it has run, which releases what the framer kept for
 * it (a spooled literal).</p>
 */
public final class DeferredCommand extends AbstractImapRequest implements Closeable {
    private static final String WHOLE_COMMANDS = DeferredCommand.class.getName() + ".wholeCommands";

    private final Function<ImapSession, ImapMessage> decoding;
    private final long size;
    private final Runnable release;

    public DeferredCommand(Tag tag, String name, Function<ImapSession, ImapMessage> decoding, long size, Runnable release) {
        super(tag, ImapCommand.anyStateCommand(name));
        this.decoding = decoding;
        this.size = size;
        this.release = release;
    }

    /** The command decoded against the session as it is now. */
    public ImapMessage decode(ImapSession session) {
        session.setAttribute(WHOLE_COMMANDS, Boolean.TRUE);
        return decoding.apply(session);
    }

    /**
     * Whether this connection's commands come whole from SyncStore's framer. James 3.8.1's own framer loses the
     * octets of a second literal in one command (MULTIAPPEND): what needs several literals is offered only then.
     */
    public static boolean framesWholeCommands(ImapSession session) {
        return Boolean.TRUE.equals(session.getAttribute(WHOLE_COMMANDS));
    }

    @Override
    public void close() {
        release.run();
    }

    @Override
    public String toString() {
        return "DeferredCommand(" + getTag().asString() + " " + getCommand().getName() + ", " + size + " bytes)";
    }
}
