package io.syncstore.imap.thread;

import java.util.Arrays;

import io.syncstore.api.ThreadingFields;

import it.unimi.dsi.fastutil.ints.IntArrayList;

/**
 * Steps 1 to 4 of RFC 5256 §3 REFERENCES, shared by REFERENCES and REFS: messages linked to what their References
 * (else In-Reply-To) name, dummies for absent messages, the roots gathered and dummies pruned.
 */
final class ReferenceThreads {
    private final ThreadedMessages messages;
    private final ThreadTree tree;
    /** Each ID's node, {@link ThreadTree#NONE} while unseen. */
    private final int[] byId;
    /** Each node's number of children while linking: only whether it has any is asked. */
    private final int[] childCounts;

    private ReferenceThreads(ThreadedMessages messages) {
        this.messages = messages;
        tree = new ThreadTree(messages, messages.size() + messages.idCount());
        byId = new int[messages.idCount()];
        Arrays.fill(byId, ThreadTree.NONE);
        childCounts = new int[messages.size() + messages.idCount()];
    }

    /** The tree, in which only messages have parents, and its roots in the order they were made. */
    static ReferenceThreads of(ThreadedMessages messages) {
        ReferenceThreads threads = new ReferenceThreads(messages);
        for (int message = 0; message < messages.size(); message++) {
            threads.link(message);
        }
        return threads;
    }

    ThreadTree tree() {
        return tree;
    }

    private void link(int message) {
        int node = nodeOf(message);
        int previous = ThreadTree.NONE;
        for (int which = 0; which < messages.referenceCount(message); which++) {
            int id = messages.reference(message, which);
            int referenced = byId[id];
            if (referenced == ThreadTree.NONE) {
                referenced = tree.add(ThreadTree.NONE);
                byId[id] = referenced;
            }
            // step 1.A: an existing link is kept (References may be truncated); no link may close a loop
            if (previous != ThreadTree.NONE && tree.parent(referenced) == ThreadTree.NONE
                    && !wouldLoop(referenced, previous)) {
                adopt(previous, referenced);
            }
            previous = referenced;
        }
        // step 1.B: the last reference is the parent, replacing any earlier link; no references, no parent
        detach(node);
        if (previous != ThreadTree.NONE && !wouldLoop(node, previous)) {
            adopt(previous, node);
        }
    }

    /** A missing, invalid or already seen Message-ID gives the message a node no reference can name. */
    private int nodeOf(int message) {
        int id = messages.messageId(message);
        int known = id == ThreadingFields.NO_ID ? ThreadTree.NONE : byId[id];
        if (known != ThreadTree.NONE && tree.isDummy(known)) {
            tree.fill(known, message);
            return known;
        }
        int node = tree.add(message);
        if (id != ThreadingFields.NO_ID && known == ThreadTree.NONE) {
            byId[id] = node;
        }
        return node;
    }

    private void adopt(int parent, int child) {
        detach(child);
        tree.setParent(child, parent);
        childCounts[parent]++;
    }

    private void detach(int node) {
        int parent = tree.parent(node);
        if (parent != ThreadTree.NONE) {
            childCounts[parent]--;
            tree.setParent(node, ThreadTree.NONE);
        }
    }

    /**
     * Whether hanging {@code node} under {@code parent} would close a loop: whether it is {@code parent} or one of its
     * ancestors. A node without children is nobody's ancestor, so only a node that already has replies (a message that
     * arrived after some of its replies) walks up from {@code parent}; without that answer every link walked the whole
     * reply chain above it (docs/search.md "THREAD").
     */
    private boolean wouldLoop(int node, int parent) {
        if (childCounts[node] == 0) {
            return parent == node;
        }
        for (int current = parent; current != ThreadTree.NONE; current = tree.parent(current)) {
            if (current == node) {
                return true;
            }
        }
        return false;
    }

    /**
     * Steps 2 to 4: each message hangs under its nearest ancestor that is a message, else under its topmost dummy;
     * a root dummy stays only when it holds several messages, and one holding a single message gives way to it. The
     * roots in the order their nodes were made.
     */
    int[] prunedRoots() {
        int count = tree.count();
        int[] newParents = new int[count];
        IntArrayList roots = new IntArrayList();
        for (int node = 0; node < count; node++) {
            int parent = tree.parent(node);
            newParents[node] = ThreadTree.NONE;
            if (parent == ThreadTree.NONE) {
                roots.add(node);
            } else if (!tree.isDummy(node)) {
                while (tree.isDummy(parent) && tree.parent(parent) != ThreadTree.NONE) {
                    parent = tree.parent(parent);
                }
                newParents[node] = parent;
            }
        }
        int[] held = new int[count];
        int[] onlyChild = new int[count];
        for (int node = 0; node < count; node++) {
            tree.setParent(node, newParents[node]);
            if (newParents[node] != ThreadTree.NONE) {
                held[newParents[node]]++;
                onlyChild[newParents[node]] = node;
            }
        }
        IntArrayList pruned = new IntArrayList(roots.size());
        for (int i = 0; i < roots.size(); i++) {
            int root = roots.getInt(i);
            if (!tree.isDummy(root) || held[root] > 1) {
                pruned.add(root);
            } else if (held[root] == 1) {
                tree.setParent(onlyChild[root], ThreadTree.NONE);
                pruned.add(onlyChild[root]);
            }
        }
        return pruned.toIntArray();
    }
}
