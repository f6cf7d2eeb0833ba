package io.syncstore.imap.append;

/** A CATENATE TEXT literal holding a NUL octet (RFC 4469 §5; a literal8 may hold them, RFC 3516 §4.4). */
final class NulInTextException extends Exception {
    private static final long serialVersionUID = 1L;

    NulInTextException() {
        super("NUL octet in a CATENATE TEXT literal");
    }
}
