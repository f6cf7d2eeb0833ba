package io.syncstore.api;

import org.apache.james.events.Group;
import org.apache.james.mailbox.events.GenericGroup;

/**
 * A group of listeners that keep state of their own node (NOTIFY's connections, say) and so must hear every event on
 * every node. James's groups are the opposite on its distributed bus: each event goes to one node of several, which
 * suits listeners that update shared state once. A bus of several nodes serves these groups on every node; a bus of
 * one node treats them as any group.
 */
public final class NodeLocalGroup {
    private static final String PREFIX = "node-local-";

    private NodeLocalGroup() {
    }

    public static Group named(String name) {
        return new GenericGroup(PREFIX + name);
    }

    public static boolean isNodeLocal(Group group) {
        return group.equals(named(nameOf(group)));
    }

    private static String nameOf(Group group) {
        String serialized = group.asString();
        int start = serialized.indexOf(PREFIX);
        return start < 0 ? "" : serialized.substring(start + PREFIX.length());
    }
}
