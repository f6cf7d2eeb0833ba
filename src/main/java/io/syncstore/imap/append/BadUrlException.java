package io.syncstore.imap.append;

/** A CATENATE URL this user cannot read: malformed, or naming nothing this user may see (RFC 4469 §6, BADURL). */
final class BadUrlException extends Exception {
    private static final long serialVersionUID = 1L;

    final String url;

    BadUrlException(String url) {
        super("Bad URL " + url);
        this.url = url;
    }
}
