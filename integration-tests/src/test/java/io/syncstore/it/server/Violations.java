package io.syncstore.it.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the load test saw go wrong, by kind: a count and the first examples of each. */
final class Violations {
    static final String REFUSED = "NO or BAD to a valid command";
    static final String BEYOND_VIEW = "untagged response beyond the connection's view";
    static final String EXPUNGE_DURING_SEQUENCE_COMMAND = "EXPUNGE while answering FETCH or STORE by sequence number";
    static final String CONNECTION_LOST = "connection lost or silent";
    static final String LOST_MESSAGE = "message lost";
    static final String UNEXPECTED_MESSAGE = "message duplicated or unexpected";
    private static final int EXAMPLES = 15;

    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, List<String>> examples = new LinkedHashMap<>();

    void refused(String connection, String command, String status, Object view) {
        add(REFUSED, connection + ": " + command + " -> " + status + " [" + view + "]");
    }

    void beyondView(String connection, String command, String response, String why, Object view) {
        add(BEYOND_VIEW, connection + ": " + command + " -> " + response + " (" + why + ") [" + view + "]");
    }

    void expungeDuringSequenceCommand(String connection, String command, String response, Object view) {
        add(EXPUNGE_DURING_SEQUENCE_COMMAND, connection + ": " + command + " -> " + response + " [" + view + "]");
    }

    synchronized void add(String kind, String example) {
        counts.merge(kind, 1, Integer::sum);
        List<String> kept = examples.computeIfAbsent(kind, k -> new ArrayList<>());
        if (kept.size() < EXAMPLES) {
            kept.add(example);
        }
    }

    synchronized boolean none() {
        return counts.isEmpty();
    }

    @Override
    public synchronized String toString() {
        StringBuilder report = new StringBuilder();
        counts.forEach((kind, count) -> {
            report.append('\n').append(count).append(" x ").append(kind).append(':');
            examples.get(kind).forEach(example -> report.append("\n    ").append(example));
        });
        return report.toString();
    }
}
