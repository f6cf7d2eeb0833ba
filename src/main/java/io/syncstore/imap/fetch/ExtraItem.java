package io.syncstore.imap.fetch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.james.imap.encode.ImapResponseComposer;

/**
 * A FETCH item James's FetchResponse cannot carry (BINARY as literal8, BINARY.SIZE, PREVIEW) or James's encoder cannot
 * write (BODY and BODYSTRUCTURE of message/global, {@link io.syncstore.mime.StructureWriter}).
 */
interface ExtraItem {
    void writeTo(ImapResponseComposer composer) throws IOException;

    /** {@code BINARY[...] ~{n}}: decoded content may hold any octet (RFC 3516 §4.2). */
    static ExtraItem literal8(BytesElement element) {
        return composer -> {
            composer.message(element.getName());
            composer.message("~");
            composer.skipNextSpace();
            composer.literal(element);
        };
    }

    static ExtraItem number(String name, long value) {
        return composer -> composer.message(name).message(value);
    }

    /** A quoted string when it can be one, else a literal of its UTF-8 bytes. */
    static ExtraItem string(String name, String value) {
        boolean quotable = value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return composer -> {
            composer.message(name);
            if (quotable) {
                composer.quote(value);
            } else {
                composer.literal(new BytesElement(name, value.getBytes(StandardCharsets.UTF_8)));
            }
        };
    }
}
