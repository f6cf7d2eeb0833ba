package io.syncstore.imap.channel;

import java.io.Closeable;
import java.util.function.Function;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
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
 * it (a spooled literal). Its place among the commands in progress is given back earlier, as its tagged answer goes
 * out: a client sends its next command as soon as it reads that answer, before James has closed this one.</p>
 */
public final class DeferredCommand extends AbstractImapRequest implements Closeable {
    private static final String WHOLE_COMMANDS = DeferredCommand.class.getName() + ".wholeCommands";

    private final Function<ImapSession, ImapMessage> decoding;
    private final long size;
    private final boolean mayNameNonAscii;
    private final Runnable finished;
    private final Runnable release;

    /**
     * @param mayNameNonAscii whether an octet of its lines, or of a literal short enough to be a mailbox name, is above
     *                        127: only then can a UTF-8 connection's command name a mailbox outside US-ASCII
     * @param finished run once, when the tagged answer is about to be written or at {@link #close()}
     * @param release  run at {@link #close()}
     */
    public DeferredCommand(Tag tag, String name, Function<ImapSession, ImapMessage> decoding, long size,
                           boolean mayNameNonAscii, Runnable finished, Runnable release) {
        super(tag, ImapCommand.anyStateCommand(name));
        this.decoding = decoding;
        this.size = size;
        this.mayNameNonAscii = mayNameNonAscii;
        this.finished = finished;
        this.release = release;
    }

    /** {@code responder}, which runs {@code finished} just before it writes this command's tagged answer. */
    public Responder finishingOn(Responder responder) {
        return new Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                if (message instanceof StatusResponse && ((StatusResponse) message).getTag() != null) {
                    finished.run();
                }
                responder.respond(message);
            }

            @Override
            public void flush() {
                responder.flush();
            }
        };
    }

    public boolean mayNameNonAscii() {
        return mayNameNonAscii;
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
        finished.run();
        release.run();
    }

    @Override
    public String toString() {
        return "DeferredCommand(" + getTag().asString() + " " + getCommand().getName() + ", " + size + " bytes)";
    }
}
