package io.syncstore.server.jmap;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;

import org.apache.commons.configuration2.Configuration;
import org.apache.james.filesystem.api.FileSystem;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.syncstore.config.ConfigurationError;
import io.syncstore.server.startup.KeystoreSecrets;

/**
 * Where SyncStore's JMAP server listens ({@code jmap.host}, {@code jmap.port} of {@code jmap.properties}) and whether
 * it speaks HTTPS: on a loopback address plain HTTP (a local proxy or client) unless {@code https.enabled=true}, on
 * any other address always HTTPS, because clients send their password in every request. The certificate is the listeners' keystore
 * ({@code https.keystore}, by default the one IMAPS uses), its secret {@code https.secret} or the file beside it.
 */
public final class JmapListener {
    public static final String FILE = "jmap.properties";
    public static final String HOST = "jmap.host";
    public static final String PORT = "jmap.port";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    static final String HTTPS = "https.enabled";
    static final String KEYSTORE = "https.keystore";
    static final String KEYSTORE_TYPE = "https.keystoreType";
    static final String SECRET = "https.secret";
    private static final String DEFAULT_KEYSTORE = "file://var/tls/keystore";
    private static final String DEFAULT_KEYSTORE_TYPE = "PKCS12";

    private final InetSocketAddress address;
    private final Optional<SslContext> tls;

    private JmapListener(InetSocketAddress address, Optional<SslContext> tls) {
        this.address = address;
        this.tls = tls;
    }

    /** The listening address alone, as the start-up checks try it before any server binds. */
    public static InetSocketAddress address(Configuration jmap) {
        String host = jmap.getString(HOST, DEFAULT_HOST).trim();
        InetSocketAddress address = new InetSocketAddress(host, jmap.getInt(PORT, DEFAULT_PORT));
        if (address.isUnresolved()) {
            throw new ConfigurationError(FILE, HOST, "'" + host + "' is not an address of this host");
        }
        return address;
    }

    static JmapListener read(Configuration jmap, FileSystem fileSystem) {
        InetSocketAddress address = address(jmap);
        boolean loopback = address.getAddress().isLoopbackAddress();
        String https = jmap.getString(HTTPS, "").trim();
        if (!https.isEmpty() && !https.equals("true") && !https.equals("false")) {
            throw new ConfigurationError(FILE, HTTPS, "'" + https + "' is neither true nor false");
        }
        if (https.equals("false") && !loopback) {
            throw new ConfigurationError(FILE, HTTPS, "false is allowed on a loopback jmap.host only: clients send their password in every request");
        }
        if (loopback && !https.equals("true")) {
            return new JmapListener(address, Optional.empty());
        }
        return new JmapListener(address, Optional.of(sslContext(jmap, fileSystem)));
    }

    InetSocketAddress address() {
        return address;
    }

    Optional<SslContext> tls() {
        return tls;
    }

    String describe() {
        return (tls.isPresent() ? "https://" : "http://") + address.getHostString() + ":" + address.getPort();
    }

    private static SslContext sslContext(Configuration jmap, FileSystem fileSystem) {
        String keystore = jmap.getString(KEYSTORE, DEFAULT_KEYSTORE);
        File file = locate(fileSystem, keystore);
        char[] secret = Optional.ofNullable(jmap.getString(SECRET, null))
            .or(() -> KeystoreSecrets.besideKeystore(fileSystem, FILE, keystore))
            .orElseThrow(() -> new ConfigurationError(FILE, SECRET, "none given and none beside " + file))
            .toCharArray();
        try (InputStream in = Files.newInputStream(file.toPath())) {
            KeyStore store = KeyStore.getInstance(jmap.getString(KEYSTORE_TYPE, DEFAULT_KEYSTORE_TYPE));
            store.load(in, secret);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, secret);
            return SslContextBuilder.forServer(keys).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationError(FILE, KEYSTORE, "cannot read " + file + " (needed for HTTPS): " + e.getMessage(), e);
        }
    }

    private static File locate(FileSystem fileSystem, String keystore) {
        try {
            File file = fileSystem.getFile(keystore);
            if (!file.exists()) {
                throw new ConfigurationError(FILE, KEYSTORE, file + " does not exist (the server creates it only for an"
                    + " IMAP, SMTP, POP3, LMTP or ManageSieve listener with TLS); HTTPS needs it");
            }
            return file;
        } catch (FileNotFoundException e) {
            throw new ConfigurationError(FILE, KEYSTORE, "'" + keystore + "' cannot be located: " + e.getMessage(), e);
        }
    }
}
