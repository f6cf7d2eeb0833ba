package io.syncstore.imap.fetch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.SectionType;
import org.apache.james.imap.decode.DecodingException;

/** The text between the brackets of a body section (RFC 3501 §6.4.5): part numbers, then a section type. */
final class SectionSpec {
    final int[] path;
    final SectionType type;
    final List<String> fieldNames;

    private SectionSpec(int[] path, SectionType type, List<String> fieldNames) {
        this.path = path;
        this.type = type;
        this.fieldNames = fieldNames;
    }

    static SectionSpec parse(String section) throws DecodingException {
        String upper = section.toUpperCase(Locale.US);
        int fieldsStart = upper.indexOf('(');
        String head = (fieldsStart < 0 ? upper : upper.substring(0, fieldsStart)).trim();
        List<Integer> numbers = new ArrayList<>();
        String[] tokens = head.isEmpty() ? new String[0] : head.split("\\.", -1);
        int i = 0;
        while (i < tokens.length && !tokens[i].isEmpty() && Character.isDigit(tokens[i].charAt(0))) {
            numbers.add(partNumber(tokens[i]));
            i++;
        }
        String typeName = String.join(".", Arrays.copyOfRange(tokens, i, tokens.length));
        SectionType type = type(typeName, !numbers.isEmpty());
        List<String> fields = null;
        if (type == SectionType.HEADER_FIELDS || type == SectionType.HEADER_NOT_FIELDS) {
            if (fieldsStart < 0) {
                throw bad("HEADER.FIELDS needs a list of field names");
            }
            fields = fieldNames(upper.substring(fieldsStart));
        } else if (fieldsStart >= 0) {
            throw bad("Only HEADER.FIELDS takes field names");
        }
        int[] path = numbers.isEmpty() ? null : numbers.stream().mapToInt(Integer::intValue).toArray();
        return new SectionSpec(path, type, fields);
    }

    /** The section as a response names it: field names upper-cased, as Dovecot writes them. */
    String responseText() {
        StringBuilder text = new StringBuilder();
        if (path != null) {
            for (int number : path) {
                if (text.length() > 0) {
                    text.append('.');
                }
                text.append(number);
            }
        }
        String typeName = typeName();
        if (!typeName.isEmpty()) {
            text.append(text.length() > 0 ? "." : "").append(typeName);
        }
        if (fieldNames != null) {
            text.append(" (").append(String.join(" ", fieldNames)).append(')');
        }
        return text.toString();
    }

    private String typeName() {
        switch (type) {
            case HEADER:
                return "HEADER";
            case HEADER_FIELDS:
                return "HEADER.FIELDS";
            case HEADER_NOT_FIELDS:
                return "HEADER.FIELDS.NOT";
            case TEXT:
                return "TEXT";
            case MIME:
                return "MIME";
            default:
                return "";
        }
    }

    private static SectionType type(String name, boolean hasPath) throws DecodingException {
        switch (name) {
            case "":
                return SectionType.CONTENT;
            case "HEADER":
                return SectionType.HEADER;
            case "HEADER.FIELDS":
                return SectionType.HEADER_FIELDS;
            case "HEADER.FIELDS.NOT":
                return SectionType.HEADER_NOT_FIELDS;
            case "TEXT":
                return SectionType.TEXT;
            case "MIME":
                if (hasPath) {
                    return SectionType.MIME;
                }
                throw bad("MIME needs a part number");
            default:
                throw bad("Invalid section: " + name);
        }
    }

    private static int partNumber(String token) throws DecodingException {
        if (token.length() > 9 || !token.chars().allMatch(Character::isDigit) || Integer.parseInt(token) == 0) {
            throw bad("Invalid part number: " + token);
        }
        return Integer.parseInt(token);
    }

    private static List<String> fieldNames(String list) throws DecodingException {
        String trimmed = list.trim();
        if (!trimmed.endsWith(")")) {
            throw bad("Unclosed field name list");
        }
        List<String> names = new ArrayList<>();
        for (String name : trimmed.substring(1, trimmed.length() - 1).trim().split("\\s+")) {
            String unquoted = name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2
                ? name.substring(1, name.length() - 1) : name;
            if (!unquoted.isEmpty()) {
                names.add(unquoted);
            }
        }
        if (names.isEmpty()) {
            throw bad("Empty field name list");
        }
        return names;
    }

    private static DecodingException bad(String message) {
        return new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, message);
    }
}
