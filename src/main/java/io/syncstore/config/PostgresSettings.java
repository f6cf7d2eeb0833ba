package io.syncstore.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the PostgreSQL backend connects, read from the {@code postgresql} section of {@code syncstore.xml} when
 * {@code backend} is {@code postgresql}:
 *
 * <pre>
 * &lt;backend&gt;postgresql&lt;/backend&gt;
 * &lt;postgresql&gt;
 *   &lt;url&gt;jdbc:postgresql://db.example.com:5432/syncstore&lt;/url&gt;
 *   &lt;user&gt;syncstore&lt;/user&gt;
 *   &lt;passwordFile&gt;conf/postgresql.password&lt;/passwordFile&gt;  (or &lt;password&gt;)
 *   &lt;poolSize&gt;16&lt;/poolSize&gt;
 *   &lt;tls&gt;verify-full&lt;/tls&gt;
 *   &lt;tlsRootCertificate&gt;conf/postgresql-ca.pem&lt;/tlsRootCertificate&gt;
 * &lt;/postgresql&gt;
 * </pre>
 */
public final class PostgresSettings {
    public static final int DEFAULT_POOL_SIZE = 10;

    /** The libpq {@code sslmode} values the JDBC driver accepts. */
    public enum Tls {
        DISABLE, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL;

        public String sslMode() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        @Override
        public String toString() {
            return sslMode();
        }

        static Optional<Tls> parse(String value) {
            return Arrays.stream(values()).filter(tls -> tls.sslMode().equals(value.trim().toLowerCase(Locale.ROOT).replace('_', '-'))).findFirst();
        }
    }

    private final String url;
    private final String user;
    private final String password;
    private final int poolSize;
    private final Tls tls;
    private final Optional<Path> tlsRootCertificate;

    public PostgresSettings(String url, String user, String password, int poolSize, Tls tls, Optional<Path> tlsRootCertificate) {
        this.url = Objects.requireNonNull(url, "url");
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        this.poolSize = poolSize;
        this.tls = tls;
        this.tlsRootCertificate = tlsRootCertificate;
    }

    /** The settings if {@code backend} selects PostgreSQL; empty for SQLite, the default. */
    static Optional<PostgresSettings> selected(ConfigurationReader reader, Path workingDirectory) {
        String backend = reader.optionalString("backend").orElse("sqlite");
        if (backend.equals("sqlite")) {
            return Optional.empty();
        }
        if (!backend.equals("postgresql")) {
            throw new ConfigurationError(SyncStoreConfiguration.FILE_NAME, "backend", "'" + backend + "' is not one of sqlite, postgresql");
        }
        String url = reader.requiredString("postgresql.url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ConfigurationError(SyncStoreConfiguration.FILE_NAME, "postgresql.url", "'" + url + "' is not a jdbc:postgresql: URL");
        }
        return Optional.of(new PostgresSettings(url,
            reader.requiredString("postgresql.user"),
            password(reader, workingDirectory),
            reader.optionalInt("postgresql.poolSize", DEFAULT_POOL_SIZE, 1),
            reader.optionalEnum("postgresql.tls", Tls::parse, Tls.PREFER),
            reader.optionalString("postgresql.tlsRootCertificate").map(workingDirectory::resolve)));
    }

    private static String password(ConfigurationReader reader, Path workingDirectory) {
        Optional<String> password = reader.optionalString("postgresql.password");
        Optional<String> file = reader.optionalString("postgresql.passwordFile");
        if (password.isPresent() && file.isPresent()) {
            throw new ConfigurationError(SyncStoreConfiguration.FILE_NAME, "postgresql.passwordFile", "is given with postgresql.password; keep one");
        }
        if (file.isEmpty()) {
            return password.orElseThrow(() -> new ConfigurationError(SyncStoreConfiguration.FILE_NAME, "postgresql.password",
                "is missing (give postgresql.password or postgresql.passwordFile)"));
        }
        Path path = workingDirectory.resolve(file.get());
        try {
            return Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigurationError(SyncStoreConfiguration.FILE_NAME, "postgresql.passwordFile", "cannot read " + path + ": " + e, e);
        }
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Connections for writes, and as many again for reads. */
    public int poolSize() {
        return poolSize;
    }

    public Tls tls() {
        return tls;
    }

    public Optional<Path> tlsRootCertificate() {
        return tlsRootCertificate;
    }
}
