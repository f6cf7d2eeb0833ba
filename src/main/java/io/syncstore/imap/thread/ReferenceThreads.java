package io.syncstore.imap.thread;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Steps 1 to 4 of RFC 5256 §3 REFERENCES, shared by REFERENCES and REFS: messages linked to what their References
 * (else In-Reply-To) name, dummies for absent messages, the roots gathered and dummies pruned.
 */
final class ReferenceThreads {
    private final Map<String, ThreadNode> byId;
    /** Every node in the order it was made: messages and dummies. */
    private final List<ThreadNode> nodes;

    /** Sized for as many messages again in dummies: growing them cost a 100,000-message THREAD a fifth of its time. */
    private ReferenceThreads(int messages) {
        byId = new HashMap<>(messages * 4);
        nodes = new ArrayList<>(messages * 2);
    }

    /** The thread roots, their children not yet sorted. */
    static List<ThreadNode> of(List<ThreadedMessage> messages) {
        ReferenceThreads threads = new ReferenceThreads(messages.size());
        messages.forEach(threads::link);
        return threads.prunedRoots();
    }

    private void link(ThreadedMessage message) {
        ThreadNode node = nodeOf(message);
        ThreadNode previous = null;
        for (String id : message.references()) {
            ThreadNode referenced = byId.computeIfAbsent(id, absent -> newNode(ThreadNode.dummy()));
            // step 1.A: an existing link is kept (References may be truncated); no link may close a loop
            if (previous != null && referenced.parent() == null && !referenced.wouldLoopUnder(previous)) {
                previous.adopt(referenced);
            }
            previous = referenced;
        }
        // step 1.B: the last reference is the parent, replacing any earlier link; no references, no parent
        node.detach();
        if (previous != null && !node.wouldLoopUnder(previous)) {
            previous.adopt(node);
        }
    }

    /** A missing, invalid or already seen Message-ID gives the message a node no reference can name. */
    private ThreadNode nodeOf(ThreadedMessage message) {
        String id = message.messageId();
        ThreadNode known = id == null ? null : byId.get(id);
        if (known != null && known.isDummy()) {
            known.fill(message);
            return known;
        }
        ThreadNode node = newNode(ThreadNode.of(message));
        if (id != null && known == null) {
            byId.put(id, node);
        }
        return node;
    }

    private ThreadNode newNode(ThreadNode node) {
        nodes.add(node);
        return node;
    }

    /**
     * Steps 2 to 4: each message hangs under its nearest ancestor that is a message, else under its topmost dummy;
     * a root dummy stays only when it holds several messages.
     */
    private List<ThreadNode> prunedRoots() {
        ThreadNode[] newParents = new ThreadNode[nodes.size()];
        List<ThreadNode> roots = new ArrayList<>();
        for (int i = 0; i < newParents.length; i++) {
            ThreadNode node = nodes.get(i);
            ThreadNode parent = node.parent();
            if (parent == null) {
                roots.add(node);
            } else if (!node.isDummy()) {
                while (parent.isDummy() && parent.parent() != null) {
                    parent = parent.parent();
                }
                newParents[i] = parent;
            }
        }
        nodes.forEach(ThreadNode::unlink);
        for (int i = 0; i < newParents.length; i++) {
            if (newParents[i] != null) {
                newParents[i].adopt(nodes.get(i));
            }
        }
        List<ThreadNode> pruned = new ArrayList<>();
        for (ThreadNode root : roots) {
            if (!root.isDummy() || root.children().size() > 1) {
                pruned.add(root);
            } else if (root.children().size() == 1) {
                ThreadNode only = root.children().get(0);
                only.detach();
                pruned.add(only);
            }
        }
        return pruned;
    }
}
