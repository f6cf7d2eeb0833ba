package io.syncstore.imap.mode;

/**
 * Thrown by a {@link StoredNameLookup} that may not read storage, where the command is decoded on its connection's
 * event loop, for a name that needs the stored names: the command is then decoded again off the event loop. Only a
 * command holding a non-ASCII mailbox name pays that second decoding and the thread hop.
 */
public final class StorageNeeded extends RuntimeException {
    public StorageNeeded() {
        // a signal, not a failure: no stack trace to fill
        super("The mailbox name needs the stored names", null, false, false);
    }
}
