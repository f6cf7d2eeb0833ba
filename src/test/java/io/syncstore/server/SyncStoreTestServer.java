package io.syncstore.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.apache.james.JamesServerBuilder;
import org.apache.james.JamesServerExtension;
import org.apache.james.server.core.configuration.Configuration;

import com.google.inject.Module;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.PostgresTestServer;
import io.syncstore.config.PostgresSettings;

/**
 * SyncStore's server composed by {@link SyncStoreJamesServerMain}, started once per test class: the distribution's
 * conf/, with the listeners, IMAP package and SyncStore settings of the test resources (free loopback ports, two IMAP
 * servers, no fsync), WebAdmin and JMAP off.
 */
public final class SyncStoreTestServer {
    private static final List<String> FROM_TEST_RESOURCES = List.of("imapserver.xml", "smtpserver.xml",
        "lmtpserver.xml", "pop3server.xml", "managesieveserver.xml", "extensions.properties", "syncstore.xml", "keystore");

    private SyncStoreTestServer() {
    }

    static JamesServerExtension extension(Module overrides) {
        return new JamesServerBuilder<Configuration>(tmpDir -> Configuration.builder()
                .workingDirectory(withConfiguration(tmpDir))
                .build())
            .server(configuration -> SyncStoreJamesServerMain.createServer(configuration).overrideWith(overrides))
            .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
            .build();
    }

    /**
     * The server above on the database the build selects ({@link #withConfigurationOnSelectedDatabase}); the class
     * releases a PostgreSQL database with {@code PostgresTestServer.instance().releaseDatabases()}.
     */
    public static JamesServerExtension onSelectedDatabase() {
        return new JamesServerBuilder<Configuration>(tmpDir -> Configuration.builder()
                .workingDirectory(withConfigurationOnSelectedDatabase(tmpDir))
                .build())
            .server(SyncStoreJamesServerMain::createServer)
            .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
            .build();
    }

    /** The server above with these elements added to its first {@code <imapserver>} (limits, throttles, options). */
    static JamesServerExtension withImapSettings(String elements) {
        return new JamesServerBuilder<Configuration>(tmpDir -> Configuration.builder()
                .workingDirectory(withImapSettings(withConfiguration(tmpDir).toPath(), elements))
                .build())
            .server(SyncStoreJamesServerMain::createServer)
            .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
            .build();
    }

    private static File withImapSettings(Path root, String elements) {
        try {
            Path imap = root.resolve("conf/imapserver.xml");
            Files.writeString(imap, Files.readString(imap).replaceFirst("<jmxName>imapserver</jmxName>",
                "<jmxName>imapserver</jmxName>" + elements));
            return root.toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings file {@code conf/syncstore.xml} of a server on this PostgreSQL database. */
    public static String syncstoreXmlOn(PostgresSettings database) {
        return "<syncstore>\n"
            + "  <backend>postgresql</backend>\n"
            + "  <postgresql>\n"
            + "    <url>" + database.url() + "</url>\n"
            + "    <user>" + PostgresTestServer.USER + "</user>\n"
            + "    <password>" + PostgresTestServer.PASSWORD + "</password>\n"
            + "    <tls>disable</tls>\n"
            + "  </postgresql>\n"
            + "</syncstore>\n";
    }

    /**
     * {@link #withConfiguration} on the database the build selects: on PostgreSQL a new database of the test server
     * (the class releases it with {@code PostgresTestServer.instance().releaseDatabases()}).
     */
    public static File withConfigurationOnSelectedDatabase(File root) {
        withConfiguration(root);
        if (!TestDatabases.POSTGRESQL) {
            return root;
        }
        try {
            Files.writeString(root.toPath().resolve("conf/syncstore.xml"), syncstoreXmlOn(PostgresTestServer.instance().newDatabase()),
                StandardCharsets.UTF_8);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills {@code root} with the configuration described above; returns it. */
    public static File withConfiguration(File root) {
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
            for (String off : List.of("webadmin.properties", "jmap.properties")) {
                Path file = conf.resolve(off);
                Files.writeString(file, Files.readString(file).replace("enabled=true", "enabled=false"));
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
