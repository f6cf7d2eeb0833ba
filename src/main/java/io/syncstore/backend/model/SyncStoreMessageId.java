package io.syncstore.backend.model;

import java.util.Objects;
import java.util.UUID;

import org.apache.james.mailbox.model.MessageId;

/**
 * A message's identity across mailboxes. Random UUIDs, so that ids can be made before the database is reached and
 * never collide between servers sharing a future PostgreSQL database.
 */
public final class SyncStoreMessageId implements MessageId {
    public static final class Factory implements MessageId.Factory {
        @Override
        public SyncStoreMessageId fromString(String serialized) {
            return of(UUID.fromString(serialized));
        }

        @Override
        public SyncStoreMessageId generate() {
            return of(UUID.randomUUID());
        }
    }

    private final UUID value;

    private SyncStoreMessageId(UUID value) {
        this.value = Objects.requireNonNull(value);
    }

    public static SyncStoreMessageId of(UUID value) {
        return new SyncStoreMessageId(value);
    }

    @Override
    public String serialize() {
        return value.toString();
    }

    @Override
    public boolean isSerializable() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyncStoreMessageId && ((SyncStoreMessageId) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "SyncStoreMessageId{" + value + "}";
    }
}
