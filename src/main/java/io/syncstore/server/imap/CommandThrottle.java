package io.syncstore.server.imap;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.imap.api.ImapConfiguration;

/**
 * A bound on the commands one IMAP server has received and not yet finished, over all its connections:
 * {@code concurrentRequests + maxQueueSize} (James's keys and defaults). A command beyond it is answered NO in
 * its turn and its connection goes on.
 *
 * <p>It takes the place of James 3.8.1's request throttle, which marks the connection busy before it refuses a
 * command and never clears the mark: every later command of that connection waited for ever.</p>
 */
final class CommandThrottle {
    private final int limit;
    private final AtomicInteger inProgress = new AtomicInteger();

    private CommandThrottle(int limit) {
        this.limit = limit;
    }

    static CommandThrottle of(HierarchicalConfiguration<ImmutableNode> configuration) {
        return new CommandThrottle(
            configuration.getInt("concurrentRequests", ImapConfiguration.DEFAULT_CONCURRENT_REQUESTS)
                + configuration.getInt("maxQueueSize", ImapConfiguration.DEFAULT_QUEUE_SIZE));
    }

    /** Whether one more command may start; if so, {@link #leave()} must follow when it is finished. */
    boolean tryEnter() {
        if (inProgress.incrementAndGet() > limit) {
            inProgress.decrementAndGet();
            return false;
        }
        return true;
    }

    void leave() {
        inProgress.decrementAndGet();
    }
}
