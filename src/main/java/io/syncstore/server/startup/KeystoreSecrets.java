package io.syncstore.server.startup;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.filesystem.api.FileSystem;

import io.syncstore.config.ConfigurationError;

/**
 * A keystore's secret kept in a file beside it ({@code <keystore>.secret}, readable by the server alone) rather than
 * in the configuration: a listener whose {@code <tls>} names a keystore and no {@code <secret>} gets the secret
 * from that file, as James reads {@code <secret>}.
 */
public final class KeystoreSecrets {
    static final String SUFFIX = ".secret";

    private KeystoreSecrets() {
    }

    /** Fills in {@code tls.secret} of each server of a protocol file that names a keystore without a secret. */
    static void fillIn(String fileName, String element, HierarchicalConfiguration<ImmutableNode> configuration, FileSystem fileSystem) {
        List<HierarchicalConfiguration<ImmutableNode>> servers = configuration.configurationsAt(element);
        for (int i = 0; i < servers.size(); i++) {
            String keystore = servers.get(i).getString("tls.keystore", null);
            String secretKey = element + "(" + i + ").tls.secret";
            if (keystore != null && servers.get(i).getString("tls.secret", null) == null) {
                read(fileName, secretFile(fileSystem, fileName, keystore))
                    .ifPresent(secret -> configuration.addProperty(secretKey, secret));
            }
        }
    }

    /** The secret kept beside a keystore, if there is one; {@code fileName} is the file naming the keystore. */
    public static Optional<String> besideKeystore(FileSystem fileSystem, String fileName, String keystore) {
        return read(fileName, secretFile(fileSystem, fileName, keystore));
    }

    static File secretFile(FileSystem fileSystem, String fileName, String keystore) {
        try {
            return fileSystem.getFile(keystore + SUFFIX);
        } catch (FileNotFoundException e) {
            throw new ConfigurationError(fileName, "tls.keystore", "'" + keystore + "' cannot be located: " + e.getMessage(), e);
        }
    }

    private static Optional<String> read(String fileName, File secretFile) {
        if (!secretFile.exists()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(secretFile.toPath(), StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new ConfigurationError(fileName, "tls.secret", "none given and " + secretFile + " cannot be read: " + e.getMessage(), e);
        }
    }
}
