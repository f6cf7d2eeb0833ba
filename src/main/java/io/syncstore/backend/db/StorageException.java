package io.syncstore.backend.db;

import org.apache.james.mailbox.exception.MailboxException;

/** A database failure, described for the administrator and for the IMAP client that receives the NO. */
public class StorageException extends MailboxException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
