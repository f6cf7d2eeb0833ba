package io.syncstore.it.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Brings the responses of one command into a form where only differences that matter remain (see
 * src/test/resources/differential/README.md for the rules and the RFC sections that allow them).
 */
final class ResponseNormaliser {
    private static final Pattern STATUS = Pattern.compile("^(\\*|[A-Za-z0-9.]+) (OK|NO|BAD|BYE|PREAUTH)(?: \\[([^\\]]*)\\])?.*$", Pattern.DOTALL);
    private static final Pattern NUMBERED = Pattern.compile("^\\* (\\d+) (FETCH) (.*)$", Pattern.DOTALL);
    private static final Set<String> DROPPED_CODES = Set.of("CAPABILITY", "MAILBOXID", "HIGHESTMODSEQ", "NOMODSEQ");
    private static final Set<String> DROPPED_UNTAGGED = Set.of("CAPABILITY", "ID", "ENABLED", "NAMESPACE");
    private static final Set<String> CHILD_ATTRIBUTES = Set.of("\\HASCHILDREN", "\\HASNOCHILDREN");

    private ResponseNormaliser() {
    }

    static List<String> normalise(String command, List<String> lines) {
        String verb = verbOf(command);
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            String normalised = normaliseLine(line);
            if (normalised != null) {
                result.add(normalised);
            }
        }
        // RFC 3501 fixes no order for SELECT/EXAMINE's untagged data, nor for LIST/LSUB (RFC 5258 §3)
        if (Set.of("SELECT", "EXAMINE", "LIST", "LSUB").contains(verb)) {
            String tagged = result.isEmpty() ? null : result.remove(result.size() - 1);
            result.sort(Comparator.naturalOrder());
            if (tagged != null) {
                result.add(tagged);
            }
        }
        return result;
    }

    private static String verbOf(String command) {
        String[] words = command.trim().split(" ");
        String verb = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
        if (verb.equals("UID") && words.length > 2) {
            verb = words[2].toUpperCase(Locale.ROOT);
        }
        return verb;
    }

    static String normaliseLine(String line) {
        Matcher status = STATUS.matcher(line);
        if (status.matches()) {
            String tag = status.group(1);
            String type = status.group(2);
            String code = status.group(3);
            if (code == null) {
                return tag + " " + type;
            }
            String name = code.split(" ")[0].toUpperCase(Locale.ROOT);
            if (DROPPED_CODES.contains(name)) {
                return tag.equals("*") ? null : tag + " " + type;
            }
            return tag + " " + type + " [" + normaliseCode(name, code) + "]";
        }
        if (!line.startsWith("* ")) {
            return line;
        }
        List<Node> tokens = Node.parseAll(line.substring(2));
        if (tokens.isEmpty()) {
            return line;
        }
        String first = tokens.get(0).text().toUpperCase(Locale.ROOT);
        if (DROPPED_UNTAGGED.contains(first)) {
            return null;
        }
        switch (first) {
            case "FLAGS":
                return "* FLAGS " + sortedList(tokens.get(1));
            case "LIST":
            case "LSUB":
                return "* " + first + " " + listAttributes(tokens.get(1)) + " " + tokens.get(2).canonical() + " "
                    + asString(tokens.get(3));
            case "SEARCH":
                return "* SEARCH" + tokens.stream().skip(1).map(Node::text).mapToLong(Long::parseLong).sorted()
                    .mapToObj(n -> " " + n).collect(Collectors.joining());
            case "STATUS":
                return "* STATUS " + asString(tokens.get(1)) + " " + sortedPairs(tokens.get(2));
            default:
                break;
        }
        if (tokens.size() >= 3 && tokens.get(1).text().equalsIgnoreCase("FETCH")) {
            return "* " + tokens.get(0).text() + " FETCH " + fetchItems(tokens.get(2));
        }
        return "* " + tokens.stream().map(Node::canonical).collect(Collectors.joining(" "));
    }

    private static String normaliseCode(String name, String code) {
        String[] parts = code.split(" ");
        switch (name) {
            case "UIDVALIDITY":
                return "UIDVALIDITY *";
            case "APPENDUID":
            case "COPYUID":
                parts[1] = "*";
                return String.join(" ", parts).toUpperCase(Locale.ROOT);
            case "PERMANENTFLAGS":
                return "PERMANENTFLAGS " + sortedList(Node.parseAll(code.substring(code.indexOf(' ') + 1)).get(0));
            default:
                return code.toUpperCase(Locale.ROOT);
        }
    }

    private static String sortedList(Node list) {
        return "(" + list.children().stream().map(node -> node.text().toUpperCase(Locale.ROOT)).sorted()
            .collect(Collectors.joining(" ")) + ")";
    }

    private static String listAttributes(Node list) {
        // RFC 5258 §4 / RFC 3348: \HasChildren and \HasNoChildren may be sent unasked, or left out
        return "(" + list.children().stream().map(node -> node.text().toUpperCase(Locale.ROOT))
            .filter(attribute -> !CHILD_ATTRIBUTES.contains(attribute)).sorted()
            .collect(Collectors.joining(" ")) + ")";
    }

    private static String asString(Node node) {
        return node.isString() || node.isAtom() ? Node.quote(node.text()) : node.canonical();
    }

    private static String sortedPairs(Node list) {
        List<String> pairs = new ArrayList<>();
        List<Node> items = list.children();
        for (int i = 0; i + 1 < items.size(); i += 2) {
            pairs.add(items.get(i).text().toUpperCase(Locale.ROOT) + " " + items.get(i + 1).canonical());
        }
        pairs.sort(Comparator.naturalOrder());
        return "(" + String.join(" ", pairs) + ")";
    }

    private static String fetchItems(Node list) {
        List<String> pairs = new ArrayList<>();
        List<Node> items = list.children();
        for (int i = 0; i + 1 < items.size(); i += 2) {
            String name = items.get(i).text().toUpperCase(Locale.ROOT);
            Node value = items.get(i + 1);
            String canonical;
            if (name.equals("FLAGS")) {
                canonical = sortedList(value);
            } else if (name.equals("BODYSTRUCTURE") || name.equals("BODY")) {
                // RFC 2045 §5.1: type, subtype, parameter names and encodings are case-insensitive
                canonical = value.canonical().toUpperCase(Locale.ROOT);
            } else {
                canonical = value.canonical();
            }
            pairs.add(name + " " + canonical);
        }
        pairs.sort(Comparator.naturalOrder());
        return "(" + String.join(" ", pairs) + ")";
    }

    /** An atom, a string (quoted or literal) or a parenthesised list of a response. */
    static final class Node {
        private final String atom;
        private final String string;
        private final List<Node> children;

        private Node(String atom, String string, List<Node> children) {
            this.atom = atom;
            this.string = string;
            this.children = children;
        }

        boolean isAtom() {
            return atom != null;
        }

        boolean isString() {
            return string != null;
        }

        List<Node> children() {
            return children == null ? List.of() : children;
        }

        String text() {
            return atom != null ? atom : string != null ? string : canonical();
        }

        String canonical() {
            if (atom != null) {
                return atom;
            }
            if (string != null) {
                return quote(string);
            }
            return "(" + children.stream().map(Node::canonical).collect(Collectors.joining(" ")) + ")";
        }

        static String quote(String value) {
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n") + "\"";
        }

        static List<Node> parseAll(String text) {
            int[] pos = {0};
            List<Node> nodes = new ArrayList<>();
            while (true) {
                skipSpaces(text, pos);
                if (pos[0] >= text.length()) {
                    return nodes;
                }
                if (text.charAt(pos[0]) == ')') {
                    pos[0]++;
                    continue;
                }
                nodes.add(parse(text, pos));
            }
        }

        private static void skipSpaces(String text, int[] pos) {
            while (pos[0] < text.length() && text.charAt(pos[0]) == ' ') {
                pos[0]++;
            }
        }

        private static Node parse(String text, int[] pos) {
            char c = text.charAt(pos[0]);
            if (c == '(') {
                pos[0]++;
                List<Node> children = new ArrayList<>();
                while (true) {
                    skipSpaces(text, pos);
                    if (pos[0] >= text.length()) {
                        break;
                    }
                    if (text.charAt(pos[0]) == ')') {
                        pos[0]++;
                        break;
                    }
                    children.add(parse(text, pos));
                }
                return new Node(null, null, children);
            }
            if (c == '"') {
                StringBuilder value = new StringBuilder();
                pos[0]++;
                while (pos[0] < text.length()) {
                    char d = text.charAt(pos[0]++);
                    if (d == '\\' && pos[0] < text.length()) {
                        value.append(text.charAt(pos[0]++));
                    } else if (d == '"') {
                        break;
                    } else {
                        value.append(d);
                    }
                }
                return new Node(null, value.toString(), null);
            }
            // a literal8 (RFC 3516 §4.2) is a string like a literal
            if (c == '~' && text.startsWith("{", pos[0] + 1)) {
                pos[0]++;
                c = '{';
            }
            if (c == '{') {
                int close = text.indexOf('}', pos[0]);
                if (close > 0 && text.startsWith("\r\n", close + 1)) {
                    String digits = text.substring(pos[0] + 1, close).replace("+", "");
                    int size = Integer.parseInt(digits);
                    int start = close + 3;
                    int end = Math.min(text.length(), start + size);
                    pos[0] = end;
                    return new Node(null, text.substring(start, end), null);
                }
            }
            StringBuilder atom = new StringBuilder();
            while (pos[0] < text.length()) {
                char d = text.charAt(pos[0]);
                if (d == ' ' || d == '(' || d == ')') {
                    break;
                }
                if (d == '[') {
                    int close = text.indexOf(']', pos[0]);
                    if (close < 0) {
                        close = text.length() - 1;
                    }
                    atom.append(text, pos[0], close + 1);
                    pos[0] = close + 1;
                    continue;
                }
                atom.append(d);
                pos[0]++;
            }
            return new Node(atom.toString(), null, null);
        }
    }
}
