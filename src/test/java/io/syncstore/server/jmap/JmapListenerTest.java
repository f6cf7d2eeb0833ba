package io.syncstore.server.jmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.commons.configuration2.MapConfiguration;
import org.apache.james.server.core.filesystem.FileSystemImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.config.ConfigurationError;
import io.syncstore.server.startup.ServerDirectories;

class JmapListenerTest {
    private static final String SECRET = "listener-test-secret";

    @TempDir
    Path program;

    private FileSystemImpl fileSystem;

    @BeforeEach
    void directories() {
        fileSystem = new FileSystemImpl(ServerDirectories.of(program, Map.of()));
    }

    @Test
    void loopbackByDefaultInPlainHttp() {
        JmapListener listener = JmapListener.read(new MapConfiguration(Map.of("jmap.port", "8080")), fileSystem);

        assertThat(listener.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(listener.tls()).isEmpty();
        assertThat(listener.describe()).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void offLoopbackAlwaysHttpsWithTheListenersKeystoreAndTheSecretBesideIt() throws Exception {
        createKeystore(program.resolve("var/tls/keystore"));
        Files.writeString(program.resolve("var/tls/keystore.secret"), SECRET + "\n");

        JmapListener listener = JmapListener.read(new MapConfiguration(Map.of("jmap.host", "0.0.0.0", "jmap.port", "8443")), fileSystem);

        assertThat(listener.tls()).isPresent();
        assertThat(listener.tls().get().isServer()).isTrue();
        assertThat(listener.describe()).isEqualTo("https://0.0.0.0:8443");
    }

    @Test
    void httpsEnabledOnLoopback() throws Exception {
        createKeystore(program.resolve("var/tls/keystore"));
        Files.writeString(program.resolve("var/tls/keystore.secret"), SECRET + "\n");

        JmapListener listener = JmapListener.read(new MapConfiguration(Map.of("jmap.port", "8443", "https.enabled", "true")), fileSystem);

        assertThat(listener.tls()).isPresent();
        assertThat(listener.describe()).isEqualTo("https://127.0.0.1:8443");
    }

    @Test
    void plainHttpOffLoopbackOrAnUnknownValueStopsWithTheFileAndTheKey() {
        assertThatThrownBy(() -> JmapListener.read(new MapConfiguration(Map.of("jmap.host", "0.0.0.0", "https.enabled", "false")), fileSystem))
            .isInstanceOf(ConfigurationError.class)
            .hasMessageStartingWith("jmap.properties: https.enabled: false is allowed on a loopback jmap.host only");
        assertThatThrownBy(() -> JmapListener.read(new MapConfiguration(Map.of("https.enabled", "yes")), fileSystem))
            .isInstanceOf(ConfigurationError.class)
            .hasMessage("jmap.properties: https.enabled: 'yes' is neither true nor false");
    }

    @Test
    void offLoopbackWithoutKeystoreStopsWithTheFileAndTheKey() {
        assertThatThrownBy(() -> JmapListener.read(new MapConfiguration(Map.of("jmap.host", "0.0.0.0")), fileSystem))
            .isInstanceOf(ConfigurationError.class)
            .hasMessageStartingWith("jmap.properties: https.keystore: ")
            .hasMessageContaining("does not exist");
    }

    @Test
    void offLoopbackWithAWrongSecretStopsWithTheFileAndTheKey() throws Exception {
        createKeystore(program.resolve("var/tls/keystore"));

        assertThatThrownBy(() -> JmapListener.read(new MapConfiguration(Map.of("jmap.host", "0.0.0.0", "https.secret", "wrong")), fileSystem))
            .isInstanceOf(ConfigurationError.class)
            .hasMessageStartingWith("jmap.properties: https.keystore: cannot read ");
    }

    @Test
    void aHostThatIsNoAddressStopsWithTheFileAndTheKey() {
        assertThatThrownBy(() -> JmapListener.address(new MapConfiguration(Map.of("jmap.host", "no-such-host.invalid"))))
            .isInstanceOf(ConfigurationError.class)
            .hasMessage("jmap.properties: jmap.host: 'no-such-host.invalid' is not an address of this host");
    }

    private static void createKeystore(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "james", "-keyalg", "RSA", "-storetype", "PKCS12", "-validity", "2",
                "-dname", "CN=localhost", "-keystore", file.toString(), "-storepass", SECRET)
            .redirectErrorStream(true)
            .start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor()).isZero();
    }
}
