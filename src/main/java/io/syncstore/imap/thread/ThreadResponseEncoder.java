package io.syncstore.imap.thread;

import java.io.IOException;
import java.util.List;

import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;

/** Writes the threads as RFC 5256 §4's thread-list: a chain of only children inline, several children nested. */
public class ThreadResponseEncoder implements ImapResponseEncoder<ThreadResponse> {
    @Override
    public Class<ThreadResponse> acceptableMessages() {
        return ThreadResponse.class;
    }

    @Override
    public void encode(ThreadResponse response, ImapResponseComposer composer) throws IOException {
        composer.untagged().message("THREAD");
        if (!response.threads().isEmpty()) {
            StringBuilder threads = new StringBuilder();
            nested(response.threads(), threads);
            composer.message(threads.toString());
        }
        composer.end();
    }

    private static void nested(List<ThreadNode> threads, StringBuilder out) {
        for (ThreadNode thread : threads) {
            out.append('(');
            members(thread, out);
            out.append(')');
        }
    }

    /** A dummy writes no number, only its children; the loop keeps long reply chains off the stack. */
    private static void members(ThreadNode thread, StringBuilder out) {
        ThreadNode node = thread;
        while (true) {
            if (!node.isDummy()) {
                if (node != thread) {
                    out.append(' ');
                }
                out.append(node.message().number());
            }
            if (node.children().size() != 1) {
                break;
            }
            node = node.children().get(0);
        }
        if (node.children().size() > 1) {
            if (!node.isDummy()) {
                out.append(' ');
            }
            nested(node.children(), out);
        }
    }
}
