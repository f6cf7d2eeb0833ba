package io.syncstore.it.server;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the load test saw go wrong, by kind and by shape (the command's name and the response with its numbers
 * blanked): a count and the first example of each.
 */
final class Violations {
    static final String REFUSED = "NO or BAD to a valid command";
    static final String BEYOND_VIEW = "untagged response beyond the connection's view";
    static final String EXPUNGE_DURING_SEQUENCE_COMMAND = "EXPUNGE while answering FETCH or STORE by sequence number";
    static final String CONNECTION_LOST = "connection lost or silent";
    static final String LOST_MESSAGE = "message lost";
    static final String UNEXPECTED_MESSAGE = "message duplicated or unexpected";

    private final Map<String, Integer> counts = new TreeMap<>();
    private final Map<String, String> firstExamples = new TreeMap<>();

    void refused(String connection, String command, String status, ViewCheckingConnection view) {
        String where = view.selected() != null && view.exists() == 0 ? " (told 0 EXISTS)" : "";
        add(REFUSED, shape(command, status) + where, connection + ": " + command + " -> " + status + " [" + view + "]");
    }

    void beyondView(String connection, String command, String response, String why, Object view) {
        add(BEYOND_VIEW, shape(command, why), connection + ": " + command + " -> " + response + " (" + why + ") [" + view + "]");
    }

    void expungeDuringSequenceCommand(String connection, String command, String response, Object view) {
        add(EXPUNGE_DURING_SEQUENCE_COMMAND, shape(command, "EXPUNGE"), connection + ": " + command + " -> " + response + " [" + view + "]");
    }

    void add(String kind, String example) {
        add(kind, "", example);
    }

    synchronized void add(String kind, String shape, String example) {
        String key = shape.isEmpty() ? kind : kind + ": " + shape;
        counts.merge(key, 1, Integer::sum);
        firstExamples.putIfAbsent(key, example);
    }

    synchronized boolean none() {
        return counts.isEmpty();
    }

    @Override
    public synchronized String toString() {
        StringBuilder report = new StringBuilder();
        counts.forEach((key, count) -> report.append('\n').append(count).append(" x ").append(key)
            .append("\n    e.g. ").append(firstExamples.get(key)));
        return report.toString();
    }

    private static String shape(String command, String response) {
        String name = command.startsWith("UID ") ? command.split(" ", 3)[0] + " " + command.split(" ", 3)[1] : command.split(" ", 2)[0];
        return name + " -> " + response.replaceAll("\\d+", "n");
    }
}
