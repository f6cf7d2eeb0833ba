package io.syncstore.imap.thread;

import java.util.Arrays;

import io.syncstore.api.ThreadingFields;

import it.unimi.dsi.fastutil.ints.IntArrayList;

/**
 * RFC 5256 §3 REFERENCES steps 5 and 6: the roots, in sent-date order, whose threads share a non-empty base subject are
 * merged, the thread of an original message preferred to a reply's or forward's.
 */
final class SubjectMerge {
    private final ThreadTree tree;
    private final ThreadedMessages messages;
    private final ThreadForest.Children children;
    private final int[] roots;
    /** The root (or the dummy made to hold two) that each subject's threads gather under. */
    private final int[] table;

    /** {@code children} as the roots have them, before any merging. */
    SubjectMerge(ThreadTree tree, ThreadForest.Children children, int[] roots, int[] rank) {
        this.tree = tree;
        this.messages = tree.messages();
        this.children = children;
        this.roots = roots;
        ThreadAlgorithm.sortByFirst(tree, children, roots, rank);
        table = new int[messages.subjectCount()];
        Arrays.fill(table, ThreadTree.NONE);
    }

    /** The roots left, in no order; their children's order is to be made again. */
    int[] merged() {
        for (int root : roots) {
            int first = tree.first(root, children);
            int subject = messages.subject(first);
            if (subject == ThreadingFields.EMPTY_SUBJECT) {
                continue;
            }
            int held = table[subject];
            if (held == ThreadTree.NONE || !tree.isDummy(held)
                    && (tree.isDummy(root) || isReply(held) && !messages.replyOrForward(first))) {
                table[subject] = root;
            }
        }
        boolean[] gone = new boolean[tree.count() + roots.length];
        IntArrayList made = new IntArrayList();
        for (int root : roots) {
            int subject = messages.subject(tree.first(root, children));
            int held = table[subject];
            if (subject == ThreadingFields.EMPTY_SUBJECT || held == root) {
                continue;
            }
            gone[root] = true;
            if (tree.isDummy(root)) {
                for (int which = 0; which < children.count(root); which++) {
                    tree.setParent(children.child(root, which), held);
                }
            } else if (tree.isDummy(held) || isReply(root) && !isReply(held)) {
                tree.setParent(root, held);
            } else {
                int both = tree.add(ThreadTree.NONE);
                gone[held] = true;
                tree.setParent(held, both);
                tree.setParent(root, both);
                made.add(both);
                table[subject] = both;
            }
        }
        IntArrayList left = new IntArrayList(roots.length);
        for (int root : roots) {
            if (!gone[root]) {
                left.add(root);
            }
        }
        left.addAll(made);
        return left.toIntArray();
    }

    /** Only for a message's node. */
    private boolean isReply(int node) {
        return messages.replyOrForward(tree.message(node));
    }
}
