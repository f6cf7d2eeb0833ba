package io.syncstore.imap.thread;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Steps 1 to 4 of RFC 5256 §3 REFERENCES, shared by REFERENCES and REFS: messages linked to what their References
 * (else In-Reply-To) name, dummies for absent messages, the roots gathered and dummies pruned.
 */
final class ReferenceThreads {
    private final Map<String, ThreadNode> byId = new HashMap<>();
    /** Every node in the order it was made: messages and dummies. */
    private final List<ThreadNode> nodes = new ArrayList<>();

    private ReferenceThreads() {
    }

    /** The thread roots, their children not yet sorted. */
    static List<ThreadNode> of(List<ThreadedMessage> messages) {
        ReferenceThreads threads = new ReferenceThreads();
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
        Optional<String> id = message.messageId();
        ThreadNode known = id.map(byId::get).orElse(null);
        if (known != null && known.isDummy()) {
            known.fill(message);
            return known;
        }
        ThreadNode node = newNode(ThreadNode.of(message));
        if (id.isPresent() && known == null) {
            byId.put(id.get(), node);
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
        Map<ThreadNode, ThreadNode> newParents = new HashMap<>();
        for (ThreadNode node : nodes) {
            ThreadNode parent = node.parent();
            if (node.isDummy() || parent == null) {
                continue;
            }
            while (parent.isDummy() && parent.parent() != null) {
                parent = parent.parent();
            }
            newParents.put(node, parent);
        }
        List<ThreadNode> roots = new ArrayList<>();
        nodes.stream().filter(node -> node.parent() == null).forEach(roots::add);
        nodes.forEach(ThreadNode::unlink);
        newParents.forEach((child, parent) -> parent.adopt(child));
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
