package io.syncstore.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The header of a message or body part, as ranges of the message's bytes: each field from its name to the end of its
 * last continuation line, the block itself ending after the empty line that closes it.
 */
public final class HeaderBlock {
    private final byte[] message;
    private final List<Field> fields;
    private final int end;

    private HeaderBlock(byte[] message, List<Field> fields, int end) {
        this.message = message;
        this.fields = fields;
        this.end = end;
    }

    /** The header starting at {@code start}; {@link #end} tells where its body starts. */
    public static HeaderBlock parse(byte[] message, int start, int limit) {
        List<Field> fields = new ArrayList<>();
        int position = start;
        Field open = null;
        while (position < limit) {
            int lineEnd = lineEnd(message, position, limit);
            if (isEmptyLine(message, position, lineEnd)) {
                return new HeaderBlock(message, closed(fields, open), lineEnd);
            }
            byte first = message[position];
            if (open != null && (first == ' ' || first == '\t')) {
                open = open.extendedTo(lineEnd);
            } else {
                closed(fields, open);
                open = Field.startingAt(message, position, lineEnd);
            }
            position = lineEnd;
        }
        return new HeaderBlock(message, closed(fields, open), limit);
    }

    /** Where the body starts: after the empty line, or the end of the part when there is none. */
    public int end() {
        return end;
    }

    private static List<Field> closed(List<Field> fields, Field open) {
        if (open != null && open.isNamed()) {
            fields.add(open);
        }
        return fields;
    }

    public static int lineEnd(byte[] bytes, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return limit;
    }

    private static boolean isEmptyLine(byte[] bytes, int start, int end) {
        int length = end - start;
        return (length == 1 && bytes[start] == '\n') || (length == 2 && bytes[start] == '\r' && bytes[start + 1] == '\n');
    }

    /** The unfolded value of the first field of that name, if any. */
    public Optional<String> value(String name) {
        for (Field field : fields) {
            if (field.isNamed(message, name)) {
                return Optional.of(unfolded(field));
            }
        }
        return Optional.empty();
    }

    /** The value without its line breaks (RFC 5322 §2.2.3), and without the white space around it. */
    private String unfolded(Field field) {
        int start = field.valueStart;
        int end = field.end;
        while (start < end && (message[start] & 0xFF) <= ' ') {
            start++;
        }
        while (end > start && (message[end - 1] & 0xFF) <= ' ') {
            end--;
        }
        if (isPlainAscii(start, end)) {
            // most values: one copy, no decoding
            return new String(message, start, end - start, StandardCharsets.ISO_8859_1);
        }
        String raw = new String(message, start, end - start, StandardCharsets.UTF_8);
        StringBuilder value = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\r' && c != '\n') {
                value.append(c);
            }
        }
        return value.toString().trim();
    }

    private boolean isPlainAscii(int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = message[i];
            if (b < 0 || b == '\r' || b == '\n') {
                return false;
            }
        }
        return true;
    }

    /** The fields named (or, when {@code exclude}, not named) in {@code names}, as written, and the empty line. */
    public byte[] fields(Collection<String> names, boolean exclude) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Field field : fields) {
            if (field.isNamedAnyOf(message, names) != exclude) {
                out.write(message, field.start, field.end - field.start);
                if (message[field.end - 1] != '\n') {
                    out.write('\r');
                    out.write('\n');
                }
            }
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    /** A field as ranges of the message: its name without the white space around it, its value, its end. */
    private static final class Field {
        private final int nameStart;
        private final int nameEnd;
        private final int start;
        private final int valueStart;
        private final int end;

        private Field(int nameStart, int nameEnd, int start, int valueStart, int end) {
            this.nameStart = nameStart;
            this.nameEnd = nameEnd;
            this.start = start;
            this.valueStart = valueStart;
            this.end = end;
        }

        /** A line without a colon is no field: it has no name and is dropped. */
        static Field startingAt(byte[] message, int start, int end) {
            for (int colon = start; colon < end; colon++) {
                if (message[colon] == ':') {
                    int nameStart = start;
                    int nameEnd = colon;
                    while (nameStart < nameEnd && (message[nameStart] & 0xFF) <= ' ') {
                        nameStart++;
                    }
                    while (nameEnd > nameStart && (message[nameEnd - 1] & 0xFF) <= ' ') {
                        nameEnd--;
                    }
                    return new Field(nameStart, nameEnd, start, colon + 1, end);
                }
            }
            return new Field(-1, -1, start, end, end);
        }

        Field extendedTo(int newEnd) {
            return new Field(nameStart, nameEnd, start, valueStart, newEnd);
        }

        boolean isNamed() {
            return nameStart >= 0;
        }

        boolean isNamedAnyOf(byte[] message, Collection<String> names) {
            for (String name : names) {
                if (isNamed(message, name)) {
                    return true;
                }
            }
            return false;
        }

        /** As {@link String#equalsIgnoreCase} on the name read as ISO-8859-1, without making that string. */
        boolean isNamed(byte[] message, String name) {
            if (nameEnd - nameStart != name.length()) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                char written = (char) (message[nameStart + i] & 0xFF);
                char asked = name.charAt(i);
                if (written != asked && Character.toUpperCase(written) != Character.toUpperCase(asked)
                    && Character.toLowerCase(written) != Character.toLowerCase(asked)) {
                    return false;
                }
            }
            return true;
        }
    }
}
