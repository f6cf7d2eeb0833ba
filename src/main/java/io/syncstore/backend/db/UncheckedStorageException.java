package io.syncstore.backend.db;

import org.apache.james.mailbox.exception.MailboxException;

/**
 * A storage failure in a James method that declares no checked exception. The cause is the {@link MailboxException},
 * which is where James's {@code MailboxReactorUtils} looks for it.
 */
public final class UncheckedStorageException extends RuntimeException {
    @FunctionalInterface
    public interface StorageAction<T> {
        T run() throws MailboxException;
    }

    public UncheckedStorageException(MailboxException cause) {
        super(cause.getMessage(), cause);
    }

    public static <T> T unchecked(StorageAction<T> action) {
        try {
            return action.run();
        } catch (MailboxException e) {
            throw new UncheckedStorageException(e);
        }
    }
}
