package io.syncstore.imap.fetch;

/** BINARY of a part whose Content-Transfer-Encoding is not known: the FETCH fails with UNKNOWN-CTE (RFC 3516 §4.3). */
final class UnknownTransferEncodingException extends RuntimeException {
    UnknownTransferEncodingException(String section) {
        super("Unknown Content-Transfer-Encoding in " + section);
    }
}
