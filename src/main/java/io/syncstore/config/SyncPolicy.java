package io.syncstore.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * When a commit reaches the disk. Maps onto SQLite's {@code synchronous} setting in WAL mode.
 */
public enum SyncPolicy {
    /** Every commit is fsynced before the write returns: survives power loss. The default. */
    FULL("FULL"),
    /** Commits survive a crash of the server process, the last ones may be lost on power loss. */
    NORMAL("NORMAL"),
    /** Never fsync. For tests and throw-away data only. */
    OFF("OFF");

    private final String sqliteSynchronous;

    SyncPolicy(String sqliteSynchronous) {
        this.sqliteSynchronous = sqliteSynchronous;
    }

    public String sqliteSynchronous() {
        return sqliteSynchronous;
    }

    public boolean fsyncsContentFiles() {
        return this == FULL;
    }

    public static Optional<SyncPolicy> parse(String value) {
        return Arrays.stream(values())
            .filter(policy -> policy.name().equals(value.trim().toUpperCase(Locale.ROOT)))
            .findFirst();
    }
}
