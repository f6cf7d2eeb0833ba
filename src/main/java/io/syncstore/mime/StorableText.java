package io.syncstore.mime;

/**
 * Text derived from a message for the database's text columns (search text, sort and thread keys). A header can
 * decode to a NUL ({@code =?UTF-8?Q?=00?=}), which PostgreSQL's text cannot hold: the message could not be stored.
 * Both databases keep U+FFFD instead, so that they sort and search alike; an IMAP client cannot send a NUL to search
 * for.
 */
public final class StorableText {
    private static final char REPLACEMENT = '\uFFFD';

    private StorableText() {
    }

    public static String of(String text) {
        return text.indexOf('\0') < 0 ? text : text.replace('\0', REPLACEMENT);
    }
}
