package io.syncstore.imap.thread;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;

/** The threading algorithms offered: RFC 5256 §3's two, and Dovecot's REFS. */
enum ThreadAlgorithm {
    /** Threads by base subject; the earliest message is the parent of the others. */
    ORDEREDSUBJECT {
        @Override
        ThreadForest threads(ThreadedMessages messages) {
            ThreadTree tree = new ThreadTree(messages, messages.size());
            for (int message = 0; message < messages.size(); message++) {
                tree.add(message);
            }
            int[] bySentDate = messages.bySentDate();
            int[] firstOfSubject = new int[messages.subjectCount()];
            Arrays.fill(firstOfSubject, ThreadTree.NONE);
            // threads appear in the order of their first message's sent date: the order the groups were opened
            IntArrayList roots = new IntArrayList();
            for (int message : bySentDate) {
                int subject = messages.subject(message);
                if (firstOfSubject[subject] == ThreadTree.NONE) {
                    firstOfSubject[subject] = message;
                    roots.add(message);
                } else {
                    tree.setParent(message, firstOfSubject[subject]);
                }
            }
            return tree.forest(roots.toIntArray(), tree.children(bySentDate));
        }
    },
    /** Threads by References, then threads with the same base subject merged; threads by their first message. */
    REFERENCES {
        @Override
        ThreadForest threads(ThreadedMessages messages) {
            ReferenceThreads linked = ReferenceThreads.of(messages);
            int[] roots = linked.prunedRoots();
            ThreadTree tree = linked.tree();
            int[] bySentDate = messages.bySentDate();
            int[] rank = ranks(bySentDate);
            int[] merged = new SubjectMerge(tree, tree.children(bySentDate), roots, rank).merged();
            ThreadForest.Children children = tree.children(bySentDate);
            sortByFirst(tree, children, merged, rank);
            return tree.forest(merged, children);
        }
    },
    /**
     * Dovecot's REFS: REFERENCES without the subject merging step, threads ordered by their latest message (the thread
     * with the newest message last); ties by the root's number, a dummy root first, two dummies in the order made.
     */
    REFS {
        @Override
        ThreadForest threads(ThreadedMessages messages) {
            ReferenceThreads linked = ReferenceThreads.of(messages);
            int[] roots = linked.prunedRoots();
            ThreadTree tree = linked.tree();
            ThreadForest.Children children = tree.children(messages.bySentDate());
            long[] latest = new long[tree.count()];
            for (int root : roots) {
                latest[root] = latestSent(tree, children, root);
            }
            IntArrays.quickSort(roots, (a, b) -> {
                int byLatest = Long.compare(latest[a], latest[b]);
                if (byLatest != 0) {
                    return byLatest;
                }
                int byNumber = Long.compare(numberOrZero(tree, a), numberOrZero(tree, b));
                return byNumber != 0 ? byNumber : Integer.compare(a, b);
            });
            return tree.forest(roots, children);
        }
    };

    /** The threads of these messages (given in mailbox order), in the order they are answered. */
    abstract ThreadForest threads(ThreadedMessages messages);

    static Optional<ThreadAlgorithm> named(String name) {
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The roots by the sent date of the message each shows first (distinct messages: a total order). */
    static void sortByFirst(ThreadTree tree, ThreadForest.Children children, int[] roots, int[] rank) {
        long[] keys = new long[roots.length];
        for (int i = 0; i < roots.length; i++) {
            keys[i] = (long) rank[tree.first(roots[i], children)] << 32 | roots[i];
        }
        Arrays.sort(keys);
        for (int i = 0; i < roots.length; i++) {
            roots[i] = (int) keys[i];
        }
    }

    /** Each message's place in sent-date order. */
    private static int[] ranks(int[] bySentDate) {
        int[] rank = new int[bySentDate.length];
        for (int i = 0; i < bySentDate.length; i++) {
            rank[bySentDate[i]] = i;
        }
        return rank;
    }

    private static long numberOrZero(ThreadTree tree, int node) {
        return tree.isDummy(node) ? 0 : tree.messages().number(tree.message(node));
    }

    private static long latestSent(ThreadTree tree, ThreadForest.Children children, int root) {
        long latest = Long.MIN_VALUE;
        IntArrayList pending = IntArrayList.of(root);
        while (!pending.isEmpty()) {
            int node = pending.popInt();
            if (!tree.isDummy(node)) {
                latest = Math.max(latest, tree.messages().sent(tree.message(node)));
            }
            for (int which = 0; which < children.count(node); which++) {
                pending.add(children.child(node, which));
            }
        }
        return latest;
    }
}
