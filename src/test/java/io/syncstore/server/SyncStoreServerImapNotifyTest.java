package io.syncstore.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerBuilder;
import org.apache.james.JamesServerExtension;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.utils.GuiceProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.inject.multibindings.Multibinder;

import io.syncstore.imap.notify.ImapNotifyContract;
import io.syncstore.imap.notify.NotifyProbe;

/**
 * NOTIFY on SyncStore's own server, composed by {@link SyncStoreJamesServerMain}: the distribution's conf/, with the
 * listeners, IMAP package and SyncStore settings of the test resources (free loopback ports, no fsync).
 */
class SyncStoreServerImapNotifyTest extends ImapNotifyContract {
    private static final List<String> FROM_TEST_RESOURCES = List.of("imapserver.xml", "smtpserver.xml",
        "lmtpserver.xml", "pop3server.xml", "managesieveserver.xml", "extensions.properties", "syncstore.xml");

    @RegisterExtension
    static JamesServerExtension jamesServerExtension = new JamesServerBuilder<Configuration>(tmpDir ->
        Configuration.builder()
            .workingDirectory(withConfiguration(tmpDir))
            .build())
        .server(configuration -> SyncStoreJamesServerMain.createServer(configuration)
            .overrideWith(binder -> Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(NotifyProbe.class)))
        .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
        .build();

    @BeforeAll
    static void setUp(GuiceJamesServer jamesServer) throws Exception {
        useServer(jamesServer);
    }

    private static java.io.File withConfiguration(java.io.File root) {
        try {
            Path conf = root.toPath().resolve("conf");
            Files.createDirectories(conf);
            try (Stream<Path> files = Files.list(Paths.get("conf"))) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    Files.copy(file, conf.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            for (String name : FROM_TEST_RESOURCES) {
                Files.copy(Paths.get("src/test/resources", name), conf.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.copy(Paths.get("src/test/resources/keystore"), conf.resolve("keystore"), StandardCopyOption.REPLACE_EXISTING);
            String webAdmin = Files.readString(conf.resolve("webadmin.properties")).replace("enabled=true", "enabled=false");
            Files.writeString(conf.resolve("webadmin.properties"), webAdmin);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
