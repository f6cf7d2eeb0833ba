package io.syncstore.backend.backup;

/** A backup or restore that could not be completed; the message says what to check. */
public class BackupException extends Exception {
    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
