package io.syncstore.backend.model;


import org.apache.james.mailbox.model.MailboxId;

/** A mailbox's database key. */
public final class SyncStoreMailboxId implements MailboxId {
    public static final class Factory implements MailboxId.Factory {
        @Override
        public SyncStoreMailboxId fromString(String serialized) {
            return of(Long.parseLong(serialized));
        }
    }

    private final long value;

    private SyncStoreMailboxId(long value) {
        this.value = value;
    }

    public static SyncStoreMailboxId of(long value) {
        return new SyncStoreMailboxId(value);
    }

    public static SyncStoreMailboxId from(MailboxId mailboxId) {
        return (SyncStoreMailboxId) mailboxId;
    }

    public long value() {
        return value;
    }

    @Override
    public String serialize() {
        return Long.toString(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyncStoreMailboxId && ((SyncStoreMailboxId) o).value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public String toString() {
        return "SyncStoreMailboxId{" + value + "}";
    }
}
