package io.syncstore.imap.urlauth;

/**
 * An IMAP URL this user may not read: malformed, naming nothing this user may see, or with a URLAUTH that does not
 * hold (RFC 4469 §6 BADURL for CATENATE, NIL for URLFETCH).
 */
public final class BadUrlException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String url;

    BadUrlException(String url) {
        super("Bad URL " + url);
        this.url = url;
    }

    public String url() {
        return url;
    }
}
