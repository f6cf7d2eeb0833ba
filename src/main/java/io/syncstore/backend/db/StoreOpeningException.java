package io.syncstore.backend.db;

/** The store cannot be opened; start-up stops with this message. */
public class StoreOpeningException extends RuntimeException {
    public StoreOpeningException(String message) {
        super(message);
    }

    public StoreOpeningException(String message, Throwable cause) {
        super(message, cause);
    }
}
