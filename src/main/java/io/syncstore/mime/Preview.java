package io.syncstore.mime;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PREVIEW (RFC 8970): the start of the message's text as Dovecot gives it: from the first text/plain part (or else
 * the first text/html part, its markup removed) outside attached messages, decoded, quoted lines (starting with
 * {@code >}) left out, runs of white space made one space, at most 200 characters.
 */
public final class Preview {
    public static final int MAX_CHARACTERS = 200;
    private static final Pattern INVISIBLE_HTML = Pattern.compile(
        "(?is)<!--.*?-->|<(style|script)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");

    private Preview() {
    }

    public static String of(MessagePart root) {
        return firstText(root, "plain").map(part -> plain(text(part)))
            .or(() -> firstText(root, "html").map(part -> collapsed(html(text(part)))))
            .orElse("");
    }

    private static Optional<MessagePart> firstText(MessagePart part, String subType) {
        if (part.isMultipart()) {
            return part.children.stream().map(child -> firstText(child, subType)).flatMap(Optional::stream).findFirst();
        }
        return part.mediaType.equals("text") && part.subType.equals(subType) ? Optional.of(part) : Optional.empty();
    }

    private static String text(MessagePart part) {
        byte[] decoded = TransferDecoding.decoded(part).orElse(new byte[0]);
        return new String(decoded, charset(part));
    }

    private static Charset charset(MessagePart part) {
        try {
            return part.parameter("charset").map(Charset::forName).orElse(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * The unquoted lines, read only as far as the preview needs: past the 200th character that is neither white
     * space nor control, the rest cannot change it (a message's text part can be far longer than its preview).
     */
    private static String plain(String text) {
        StringBuilder kept = new StringBuilder();
        int visible = 0;
        boolean lineStart = true;
        for (int i = 0; i < text.length() && visible <= MAX_CHARACTERS; i++) {
            char c = text.charAt(i);
            if (lineStart && c == '>') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
                continue;
            }
            lineStart = c == '\n';
            kept.append(lineStart ? ' ' : c);
            if (c > ' ' && !Character.isLowSurrogate(c)) {
                visible++;
            }
        }
        return collapsed(kept.toString());
    }

    private static String html(String html) {
        String visible = TAG.matcher(INVISIBLE_HTML.matcher(html).replaceAll(" ")).replaceAll(" ");
        Matcher entities = ENTITY.matcher(visible);
        StringBuilder text = new StringBuilder();
        while (entities.find()) {
            entities.appendReplacement(text, Matcher.quoteReplacement(entity(entities.group(1), entities.group())));
        }
        entities.appendTail(text);
        return text.toString();
    }

    private static String entity(String name, String whole) {
        if (name.startsWith("#")) {
            boolean hex = name.startsWith("#x") || name.startsWith("#X");
            try {
                return new String(Character.toChars(Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10)));
            } catch (IllegalArgumentException notACharacter) {
                return whole;
            }
        }
        switch (name.toLowerCase(Locale.US)) {
            case "amp":
                return "&";
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "quot":
                return "\"";
            case "apos":
                return "'";
            case "nbsp":
                return "\u00a0";
            default:
                return whole;
        }
    }

    private static String collapsed(String text) {
        String oneSpaced = text.replaceAll("[ \t\r\n]+", " ").trim();
        int end = oneSpaced.offsetByCodePoints(0, Math.min(MAX_CHARACTERS, oneSpaced.codePointCount(0, oneSpaced.length())));
        return oneSpaced.substring(0, end).trim();
    }
}
