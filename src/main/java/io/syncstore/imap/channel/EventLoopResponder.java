package io.syncstore.imap.channel;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoop;

/**
 * Writes a command's responses on its connection's event loop, in the order the command gave them.
 *
 * <p>A command's reactive chain moves between threads (the event loop, a mailbox backend's or event bus's
 * schedulers). Netty runs a write made on the event loop at once but queues a write made on another thread as a task:
 * a FETCH response written from a backend thread was overtaken by the tagged OK written a moment later from the event
 * loop, and the client read the OK before the FETCH. Here a response or flush given on another thread is queued, and
 * the queue is run only on the event loop; one given on the event loop is written at once only when nothing is
 * queued before it. The order given is the order written, whichever thread gives it.</p>
 */
public final class EventLoopResponder implements Responder {
    private static final Logger LOGGER = LoggerFactory.getLogger(EventLoopResponder.class);

    private final Responder delegate;
    private final EventLoop loop;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final Runnable flush;

    private EventLoopResponder(Responder delegate, EventLoop loop) {
        this.delegate = delegate;
        this.loop = loop;
        this.flush = delegate::flush;
    }

    /** The delegate itself when the session has no Netty channel (nothing to order against). */
    public static Responder of(Responder delegate, ImapSession session) {
        return NettySessions.channel(session)
            .<Responder>map(channel -> new EventLoopResponder(delegate, channel.eventLoop()))
            .orElse(delegate);
    }

    @Override
    public void respond(ImapResponseMessage message) {
        if (writesInPlace()) {
            // not wrapped in a task: a push to 1,000 idling connections writes two responses on each
            respondNow(message);
        } else {
            submit(() -> delegate.respond(message));
        }
    }

    @Override
    public void flush() {
        if (writesInPlace()) {
            write(flush);
        } else {
            submit(flush);
        }
    }

    /** On the event loop with nothing queued before: written at once, without a queue node. */
    private boolean writesInPlace() {
        return loop.inEventLoop() && pending.isEmpty();
    }

    private void submit(Runnable write) {
        pending.add(write);
        if (loop.inEventLoop()) {
            writePending();
            return;
        }
        try {
            loop.execute(this::writePending);
        } catch (RejectedExecutionException e) {
            LOGGER.debug("Event loop shut down, responses dropped", e);
        }
    }

    private void writePending() {
        for (Runnable write = pending.poll(); write != null; write = pending.poll()) {
            write(write);
        }
    }

    private static void write(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOGGER.warn("Failed to write an IMAP response", e);
        }
    }

    private void respondNow(ImapResponseMessage message) {
        try {
            delegate.respond(message);
        } catch (RuntimeException e) {
            LOGGER.warn("Failed to write an IMAP response", e);
        }
    }
}
