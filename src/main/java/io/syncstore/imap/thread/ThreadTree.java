package io.syncstore.imap.thread;

import java.util.Arrays;

/**
 * Threads under construction, a node by number: a message, or a dummy standing for one that is referred to but absent
 * (RFC 5256 §3), each with its parent. Arrays rather than an object per message: a 100,000-message THREAD made a graph
 * of objects that every young collection during the command copied (docs/benchmarks.md section 8).
 */
final class ThreadTree {
    static final int NONE = -1;

    private final ThreadedMessages messages;
    private int[] message;
    private int[] parent;
    /** A message's node. */
    private final int[] nodes;
    private int count;

    ThreadTree(ThreadedMessages messages, int capacity) {
        this.messages = messages;
        message = new int[Math.max(1, capacity)];
        parent = new int[message.length];
        nodes = new int[messages.size()];
        Arrays.fill(nodes, NONE);
    }

    ThreadedMessages messages() {
        return messages;
    }

    /** A new node without parent: for message {@code of}, or a dummy when {@code of} is {@link #NONE}. */
    int add(int of) {
        if (count == message.length) {
            message = Arrays.copyOf(message, count * 2);
            parent = Arrays.copyOf(parent, count * 2);
        }
        message[count] = of;
        parent[count] = NONE;
        if (of != NONE) {
            nodes[of] = count;
        }
        return count++;
    }

    int count() {
        return count;
    }

    boolean isDummy(int node) {
        return message[node] == NONE;
    }

    int message(int node) {
        return message[node];
    }

    /** A dummy created for a referenced ID becomes the message carrying that ID. */
    void fill(int node, int of) {
        message[node] = of;
        nodes[of] = node;
    }

    int parent(int node) {
        return parent[node];
    }

    void setParent(int node, int newParent) {
        parent[node] = newParent;
    }

    /**
     * Each node's children, ordered by sent date. Only messages have parents (dummies are roots or gone), so the
     * messages in sent-date order, each put under its parent, give every node its children in order.
     */
    ThreadForest.Children children(int[] bySentDate) {
        int[] starts = new int[count + 1];
        for (int node = 0; node < count; node++) {
            if (parent[node] != NONE) {
                starts[parent[node] + 1]++;
            }
        }
        for (int node = 0; node < count; node++) {
            starts[node + 1] += starts[node];
        }
        int[] filled = Arrays.copyOf(starts, count);
        int[] children = new int[starts[count]];
        for (int of : bySentDate) {
            int node = nodes[of];
            if (node != NONE && parent[node] != NONE) {
                children[filled[parent[node]]++] = node;
            }
        }
        return new ThreadForest.Children(starts, children);
    }

    /** The message a thread shows first: a message's own, a dummy's earliest child's. */
    int first(int node, ThreadForest.Children children) {
        return isDummy(node) ? message[children.child(node, 0)] : message[node];
    }

    ThreadForest forest(int[] roots, ThreadForest.Children children) {
        return new ThreadForest(roots, Arrays.copyOf(message, count), messages, children);
    }
}
