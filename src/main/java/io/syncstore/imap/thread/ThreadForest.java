package io.syncstore.imap.thread;

/** The threads as answered: the roots in order, under each node its children in order; a dummy shows no number. */
final class ThreadForest {
    private final int[] roots;
    private final int[] message;
    private final ThreadedMessages messages;
    private final Children children;

    ThreadForest(int[] roots, int[] message, ThreadedMessages messages, Children children) {
        this.roots = roots;
        this.message = message;
        this.messages = messages;
        this.children = children;
    }

    boolean isEmpty() {
        return roots.length == 0;
    }

    /** RFC 5256 §4's thread-list: {@code (1 (2)(3 4))(5)}, a chain of only children inline, several nested. */
    String threadList() {
        StringBuilder out = new StringBuilder(roots.length * 8);
        nested(roots, 0, roots.length, out);
        return out.toString();
    }

    private void nested(int[] nodes, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            out.append('(');
            members(nodes[i], out);
            out.append(')');
        }
    }

    /** The loop keeps long reply chains off the stack; nesting is as deep as the branching, not the chain. */
    private void members(int thread, StringBuilder out) {
        int node = thread;
        while (true) {
            if (message[node] != ThreadTree.NONE) {
                if (node != thread) {
                    out.append(' ');
                }
                out.append(messages.number(message[node]));
            }
            if (children.count(node) != 1) {
                break;
            }
            node = children.child(node, 0);
        }
        if (children.count(node) > 1) {
            if (message[node] != ThreadTree.NONE) {
                out.append(' ');
            }
            nested(children.all, children.starts[node], children.starts[node + 1], out);
        }
    }

    /** Every node's children, one after the other: node n's from {@code starts[n]} to {@code starts[n + 1]}. */
    static final class Children {
        private final int[] starts;
        private final int[] all;

        Children(int[] starts, int[] all) {
            this.starts = starts;
            this.all = all;
        }

        int count(int node) {
            return starts[node + 1] - starts[node];
        }

        int child(int node, int which) {
            return all[starts[node] + which];
        }
    }
}
