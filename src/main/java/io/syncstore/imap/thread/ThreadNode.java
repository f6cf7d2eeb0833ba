package io.syncstore.imap.thread;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A message in a thread tree, or a dummy standing for one that is referred to but absent (RFC 5256 §3). */
final class ThreadNode {
    /** RFC 5256 §3: siblings by sent date, ties in mailbox order; a dummy by its first child. */
    static final Comparator<ThreadNode> BY_SENT_DATE = Comparator
        .comparingLong((ThreadNode node) -> node.first().sent())
        .thenComparingLong(node -> node.first().number());

    private ThreadedMessage message;
    private ThreadNode parent;
    private final List<ThreadNode> children = new ArrayList<>();

    private ThreadNode(ThreadedMessage message) {
        this.message = message;
    }

    static ThreadNode of(ThreadedMessage message) {
        return new ThreadNode(message);
    }

    static ThreadNode dummy() {
        return new ThreadNode(null);
    }

    boolean isDummy() {
        return message == null;
    }

    /** A dummy created for a referenced ID becomes the message carrying that ID. */
    void fill(ThreadedMessage found) {
        this.message = found;
    }

    ThreadedMessage message() {
        return message;
    }

    /** The message itself, or for a dummy its first child's (children sorted first). */
    ThreadedMessage first() {
        return isDummy() ? children.get(0).first() : message;
    }

    ThreadNode parent() {
        return parent;
    }

    List<ThreadNode> children() {
        return children;
    }

    void adopt(ThreadNode child) {
        child.detach();
        child.parent = this;
        children.add(child);
    }

    void detach() {
        if (parent != null) {
            parent.children.remove(this);
            parent = null;
        }
    }

    /** Forgets parent and children, for the tree to be linked again. */
    void unlink() {
        parent = null;
        children.clear();
    }

    /**
     * Whether hanging this node under {@code parent} would close a loop: whether this node is {@code parent} or one of
     * its ancestors. A node without children is nobody's ancestor, so only a node that already has replies (a message
     * that arrived after some of its replies) walks up from {@code parent}; without that answer every link walked the
     * whole reply chain above it (docs/search.md "THREAD").
     */
    boolean wouldLoopUnder(ThreadNode parent) {
        if (children.isEmpty()) {
            return parent == this;
        }
        for (ThreadNode current = parent; current != null; current = current.parent) {
            if (current == this) {
                return true;
            }
        }
        return false;
    }

    /** Sorts the children of every node below these roots (not the roots), without recursion: chains can be long. */
    static void sortDescendants(List<ThreadNode> roots) {
        List<ThreadNode> pending = new ArrayList<>(roots);
        // only nodes with several children have an order to make: most have one reply or none
        List<ThreadNode> parents = new ArrayList<>();
        while (!pending.isEmpty()) {
            ThreadNode node = pending.remove(pending.size() - 1);
            if (node.children.size() > 1) {
                parents.add(node);
            }
            pending.addAll(node.children);
        }
        // deepest first, so that a dummy's first child is known before its own siblings are sorted
        for (int i = parents.size() - 1; i >= 0; i--) {
            parents.get(i).children.sort(BY_SENT_DATE);
        }
    }
}
