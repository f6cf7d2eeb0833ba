package io.syncstore.imap.thread;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;


/** The threading algorithms offered: RFC 5256 §3's two, and Dovecot's REFS. */
enum ThreadAlgorithm {
    /** Threads by base subject; the earliest message is the parent of the others. */
    ORDEREDSUBJECT {
        @Override
        List<ThreadNode> threads(List<ThreadedMessage> messages) {
            Map<String, ThreadNode> bySubject = new LinkedHashMap<>();
            messages.stream()
                .map(ThreadNode::of)
                .sorted(ThreadNode.BY_SENT_DATE)
                .forEach(node -> {
                    ThreadNode first = bySubject.putIfAbsent(node.message().subject(), node);
                    if (first != null) {
                        first.adopt(node);
                    }
                });
            // threads appear in the order of their first message's sent date: the order the groups were opened
            return new ArrayList<>(bySubject.values());
        }
    },
    /** Threads by References, then threads with the same base subject merged; threads by their first message. */
    REFERENCES {
        @Override
        List<ThreadNode> threads(List<ThreadedMessage> messages) {
            List<ThreadNode> roots = ReferenceThreads.of(messages);
            ThreadNode.sortDescendants(roots);
            roots.sort(ThreadNode.BY_SENT_DATE);
            List<ThreadNode> merged = mergeBySubject(roots);
            ThreadNode.sortDescendants(merged);
            merged.sort(ThreadNode.BY_SENT_DATE);
            return merged;
        }
    },
    /**
     * Dovecot's REFS: REFERENCES without the subject merging step, threads ordered by their latest message (the thread
     * with the newest message last); ties by the root's number, a dummy root first.
     */
    REFS {
        @Override
        List<ThreadNode> threads(List<ThreadedMessage> messages) {
            List<ThreadNode> roots = ReferenceThreads.of(messages);
            ThreadNode.sortDescendants(roots);
            Map<ThreadNode, Long> latest = new HashMap<>(roots.size() * 2);
            roots.forEach(root -> latest.put(root, latestSent(root)));
            roots.sort(Comparator.comparingLong((ThreadNode root) -> latest.get(root))
                .thenComparingLong(root -> root.isDummy() ? 0 : root.message().number()));
            return roots;
        }
    };

    /** The threads of these messages (given in mailbox order), in the order they are answered. */
    abstract List<ThreadNode> threads(List<ThreadedMessage> messages);

    static Optional<ThreadAlgorithm> named(String name) {
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * RFC 5256 §3 REFERENCES step 6: roots (in sent-date order) whose threads share a non-empty base subject are
     * merged, the thread of an original message preferred to a reply's or forward's.
     */
    private static List<ThreadNode> mergeBySubject(List<ThreadNode> roots) {
        Map<String, ThreadNode> table = new HashMap<>(roots.size() * 2);
        for (ThreadNode root : roots) {
            String subject = root.first().subject();
            if (subject.isEmpty()) {
                continue;
            }
            ThreadNode held = table.get(subject);
            if (held == null || !held.isDummy() && (root.isDummy() || isReply(held) && !root.first().replyOrForward())) {
                table.put(subject, root);
            }
        }
        Set<ThreadNode> merged = new LinkedHashSet<>(roots);
        for (ThreadNode root : roots) {
            String subject = root.first().subject();
            ThreadNode held = table.get(subject);
            if (subject.isEmpty() || held == root) {
                continue;
            }
            merged.remove(root);
            if (root.isDummy()) {
                new ArrayList<>(root.children()).forEach(held::adopt);
            } else if (held.isDummy() || isReply(root) && !isReply(held)) {
                held.adopt(root);
            } else {
                ThreadNode both = ThreadNode.dummy();
                merged.remove(held);
                both.adopt(held);
                both.adopt(root);
                merged.add(both);
                table.put(subject, both);
            }
        }
        return new ArrayList<>(merged);
    }

    private static boolean isReply(ThreadNode node) {
        return node.first().replyOrForward();
    }

    private static long latestSent(ThreadNode root) {
        long latest = Long.MIN_VALUE;
        List<ThreadNode> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            ThreadNode node = pending.remove(pending.size() - 1);
            if (!node.isDummy() && node.message().sent() > latest) {
                latest = node.message().sent();
            }
            pending.addAll(node.children());
        }
        return latest;
    }
}
