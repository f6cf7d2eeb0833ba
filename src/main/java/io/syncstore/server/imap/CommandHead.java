package io.syncstore.server.imap;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.james.imap.api.Tag;

import io.netty.buffer.ByteBuf;

/**
 * The tag and the command name at the start of a command's first line, read without decoding the command, so that
 * a command refused before it is decoded can still be answered with its tag.
 */
final class CommandHead {
    private static final int LONGEST = 128;
    private static final CommandHead UNREADABLE = new CommandHead("*", "UNKNOWN");

    private final String tag;
    private final String name;

    private CommandHead(String tag, String name) {
        this.tag = tag;
        this.name = name;
    }

    static CommandHead of(ByteBuf in, int start, int end) {
        String line = in.toString(start, Math.min(end - start, LONGEST), StandardCharsets.US_ASCII);
        String[] words = line.split("[ \r\n]", 3);
        if (words.length < 2 || words[0].isEmpty() || words[1].isEmpty()) {
            return UNREADABLE;
        }
        return new CommandHead(words[0], words[1].toUpperCase(Locale.US));
    }

    Tag tag() {
        return new Tag(tag);
    }

    String name() {
        return name;
    }
}
