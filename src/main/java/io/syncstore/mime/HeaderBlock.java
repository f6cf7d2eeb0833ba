package io.syncstore.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
        if (open != null && open.name != null) {
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
        return fields.stream().filter(field -> field.name.equalsIgnoreCase(name)).findFirst().map(this::unfolded);
    }

    /** The value without its line breaks (RFC 5322 §2.2.3), and without the white space around it. */
    private String unfolded(Field field) {
        StringBuilder value = new StringBuilder(field.end - field.valueStart);
        String raw = new String(message, field.valueStart, field.end - field.valueStart, StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\r' && c != '\n') {
                value.append(c);
            }
        }
        return value.toString().trim();
    }

    /** The fields named (or, when {@code exclude}, not named) in {@code names}, as written, and the empty line. */
    public byte[] fields(Collection<String> names, boolean exclude) {
        Set<String> wanted = names.stream().map(name -> name.toLowerCase(Locale.US)).collect(Collectors.toSet());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Field field : fields) {
            if (wanted.contains(field.name.toLowerCase(Locale.US)) != exclude) {
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

    private static final class Field {
        private final String name;
        private final int start;
        private final int valueStart;
        private final int end;

        private Field(String name, int start, int valueStart, int end) {
            this.name = name;
            this.start = start;
            this.valueStart = valueStart;
            this.end = end;
        }

        /** A line without a colon is no field: its name is null and it is dropped. */
        static Field startingAt(byte[] message, int start, int end) {
            for (int i = start; i < end; i++) {
                if (message[i] == ':') {
                    String name = new String(message, start, i - start, StandardCharsets.ISO_8859_1).trim();
                    return new Field(name, start, i + 1, end);
                }
            }
            return new Field(null, start, end, end);
        }

        Field extendedTo(int newEnd) {
            return new Field(name, start, valueStart, newEnd);
        }
    }
}
