package io.syncstore.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;

/**
 * Settings of the SyncStore backend, read from {@code syncstore.xml}; relative paths are in the data folder:
 *
 * <pre>
 * &lt;syncstore&gt;
 *   &lt;database&gt;syncstore/mail.db&lt;/database&gt;
 *   &lt;contentDirectory&gt;syncstore/content&lt;/contentDirectory&gt;
 *   &lt;sync&gt;full&lt;/sync&gt;
 *   &lt;inlineContentThreshold&gt;65536&lt;/inlineContentThreshold&gt;
 *   &lt;readConnections&gt;4&lt;/readConnections&gt;
 *   &lt;busyTimeout&gt;5s&lt;/busyTimeout&gt;
 *   &lt;expungeLogRetention&gt;100000&lt;/expungeLogRetention&gt;
 *   &lt;mailQueueLease&gt;1m&lt;/mailQueueLease&gt;
 * &lt;/syncstore&gt;
 * </pre>
 */
public final class SyncStoreConfiguration {
    public static final String FILE_NAME = "syncstore.xml";
    public static final int DEFAULT_INLINE_CONTENT_THRESHOLD = 64 * 1024;
    public static final int DEFAULT_READ_CONNECTIONS = 4;
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_EXPUNGE_LOG_RETENTION = 100_000;
    public static final Duration DEFAULT_MAIL_QUEUE_LEASE = Duration.ofMinutes(1);

    /** Every key syncstore.xml may hold; anything else is a mistake that stops start-up. A section's keys as "section.key". */
    static final List<String> KNOWN_KEYS = List.of(
        "database",
        "contentDirectory",
        "sync",
        "inlineContentThreshold",
        "readConnections",
        "busyTimeout",
        "expungeLogRetention",
        "mailQueueLease",
        "backend",
        "postgresql.url",
        "postgresql.user",
        "postgresql.password",
        "postgresql.passwordFile",
        "postgresql.poolSize",
        "postgresql.tls",
        "postgresql.tlsRootCertificate");

    private final Path databaseFile;
    private final Path contentDirectory;
    private final SyncPolicy syncPolicy;
    private final int inlineContentThreshold;
    private final int readConnections;
    private final Duration busyTimeout;
    private final int expungeLogRetention;
    private final Duration mailQueueLease;
    private final Optional<PostgresSettings> postgresql;

    private SyncStoreConfiguration(Builder builder) {
        this.databaseFile = Objects.requireNonNull(builder.databaseFile, "databaseFile");
        this.contentDirectory = builder.contentDirectory != null
            ? builder.contentDirectory
            : databaseFile.toAbsolutePath().getParent().resolve("content");
        this.syncPolicy = builder.syncPolicy;
        this.inlineContentThreshold = builder.inlineContentThreshold;
        this.readConnections = builder.readConnections;
        this.busyTimeout = builder.busyTimeout;
        this.expungeLogRetention = builder.expungeLogRetention;
        this.mailQueueLease = builder.mailQueueLease;
        this.postgresql = builder.postgresql;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads the configuration; relative paths are resolved against {@code dataDirectory}. */
    public static SyncStoreConfiguration from(HierarchicalConfiguration<ImmutableNode> xml, Path dataDirectory) {
        ConfigurationReader reader = new ConfigurationReader(FILE_NAME, xml);
        reader.rejectUnknownKeys(KNOWN_KEYS);
        Optional<PostgresSettings> postgresql = PostgresSettings.selected(reader, dataDirectory);
        // On PostgreSQL the database file is unused; the content directory only stages large content being stored.
        String database = postgresql.isPresent() ? reader.optionalString("database").orElse("syncstore/mail.db") : reader.requiredString("database");
        Builder builder = builder()
            .postgresql(postgresql)
            .databaseFile(dataDirectory.resolve(database))
            .syncPolicy(reader.optionalEnum("sync", SyncPolicy::parse, SyncPolicy.FULL))
            .inlineContentThreshold(reader.optionalInt("inlineContentThreshold", DEFAULT_INLINE_CONTENT_THRESHOLD, 0))
            .readConnections(reader.optionalInt("readConnections", DEFAULT_READ_CONNECTIONS, 1))
            .busyTimeout(reader.optionalDuration("busyTimeout", DEFAULT_BUSY_TIMEOUT))
            .expungeLogRetention(reader.optionalInt("expungeLogRetention", DEFAULT_EXPUNGE_LOG_RETENTION, 1))
            .mailQueueLease(reader.optionalDuration("mailQueueLease", DEFAULT_MAIL_QUEUE_LEASE));
        if (builder.mailQueueLease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigurationError(FILE_NAME, "mailQueueLease", "must be at least 1s");
        }
        reader.optionalString("contentDirectory")
            .ifPresent(directory -> builder.contentDirectory(dataDirectory.resolve(directory)));
        return builder.build();
    }

    public Path databaseFile() {
        return databaseFile;
    }

    public Path contentDirectory() {
        return contentDirectory;
    }

    public SyncPolicy syncPolicy() {
        return syncPolicy;
    }

    /** Content parts up to this many bytes live inside the database, larger ones in files beside it. */
    public int inlineContentThreshold() {
        return inlineContentThreshold;
    }

    public int readConnections() {
        return readConnections;
    }

    public Duration busyTimeout() {
        return busyTimeout;
    }

    /** How many expunge records each mailbox keeps for QRESYNC before older ones are folded into a floor. */
    public int expungeLogRetention() {
        return expungeLogRetention;
    }

    /**
     * How long a dequeued mail stays reserved for the node processing it without news from that node: the node
     * renews the lease while it processes the mail; when the node dies, another takes the mail once the lease ran out.
     */
    public Duration mailQueueLease() {
        return mailQueueLease;
    }

    /** The PostgreSQL server holding the store when {@code backend} is {@code postgresql}; empty for SQLite. */
    public Optional<PostgresSettings> postgresql() {
        return postgresql;
    }

    public Builder toBuilder() {
        return builder()
            .databaseFile(databaseFile)
            .contentDirectory(contentDirectory)
            .syncPolicy(syncPolicy)
            .inlineContentThreshold(inlineContentThreshold)
            .readConnections(readConnections)
            .busyTimeout(busyTimeout)
            .expungeLogRetention(expungeLogRetention)
            .mailQueueLease(mailQueueLease)
            .postgresql(postgresql);
    }

    public static final class Builder {
        private Path databaseFile;
        private Path contentDirectory;
        private SyncPolicy syncPolicy = SyncPolicy.FULL;
        private int inlineContentThreshold = DEFAULT_INLINE_CONTENT_THRESHOLD;
        private int readConnections = DEFAULT_READ_CONNECTIONS;
        private Duration busyTimeout = DEFAULT_BUSY_TIMEOUT;
        private int expungeLogRetention = DEFAULT_EXPUNGE_LOG_RETENTION;
        private Duration mailQueueLease = DEFAULT_MAIL_QUEUE_LEASE;
        private Optional<PostgresSettings> postgresql = Optional.empty();

        public Builder databaseFile(Path databaseFile) {
            this.databaseFile = databaseFile;
            return this;
        }

        public Builder databaseFile(String databaseFile) {
            return databaseFile(Paths.get(databaseFile));
        }

        public Builder contentDirectory(Path contentDirectory) {
            this.contentDirectory = contentDirectory;
            return this;
        }

        public Builder syncPolicy(SyncPolicy syncPolicy) {
            this.syncPolicy = syncPolicy;
            return this;
        }

        public Builder inlineContentThreshold(int inlineContentThreshold) {
            this.inlineContentThreshold = inlineContentThreshold;
            return this;
        }

        public Builder readConnections(int readConnections) {
            this.readConnections = readConnections;
            return this;
        }

        public Builder busyTimeout(Duration busyTimeout) {
            this.busyTimeout = busyTimeout;
            return this;
        }

        public Builder expungeLogRetention(int expungeLogRetention) {
            this.expungeLogRetention = expungeLogRetention;
            return this;
        }

        public Builder mailQueueLease(Duration mailQueueLease) {
            this.mailQueueLease = mailQueueLease;
            return this;
        }

        public Builder postgresql(Optional<PostgresSettings> postgresql) {
            this.postgresql = postgresql;
            return this;
        }

        public SyncStoreConfiguration build() {
            return new SyncStoreConfiguration(this);
        }
    }
}
