package io.syncstore.server.startup;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncstore.config.ConfigurationError;

/**
 * Gives each enabled TLS listener whose keystore file does not exist yet a keystore with a self-signed certificate
 * for this host, so that STARTTLS and implicit TLS work on a first start. The keystore is protected by the listener's
 * {@code secret}, or when it has none by a random one written beside it ({@link KeystoreSecrets}); both files are
 * readable by the server's user alone. Runs while the injector is built, before James's servers load their keystores.
 * Replace the keystore (or use PEM files) with a real certificate for production; an existing file is never touched.
 */
public class SelfSignedKeystores {
    private static final Logger LOGGER = LoggerFactory.getLogger(SelfSignedKeystores.class);
    private static final String ALIAS = "james";
    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SelfSignedKeystores(ConfigurationProvider configurationProvider, FileSystem fileSystem) throws ConfigurationException {
        for (ProtocolServers.Server server : ProtocolServers.enabled(configurationProvider)) {
            HierarchicalConfiguration<ImmutableNode> tls = server.configuration;
            boolean usesTls = tls.getBoolean("tls.[@startTLS]", false) || tls.getBoolean("tls.[@socketTLS]", false);
            String keystore = tls.getString("tls.keystore", null);
            if (usesTls && keystore != null) {
                File file = locate(fileSystem, server.fileName, keystore);
                if (!file.exists()) {
                    String secret = Optional.ofNullable(tls.getString("tls.secret", null))
                        .orElseGet(() -> newSecret(KeystoreSecrets.secretFile(fileSystem, server.fileName, keystore).toPath(), server.fileName));
                    create(file.toPath(), tls.getString("tls.keystoreType", "JKS"), secret, server.fileName);
                }
            }
        }
    }

    private static File locate(FileSystem fileSystem, String fileName, String keystore) {
        try {
            return fileSystem.getFile(keystore);
        } catch (FileNotFoundException e) {
            throw new ConfigurationError(fileName, "tls.keystore", "'" + keystore + "' cannot be located: " + e.getMessage(), e);
        }
    }

    private static void create(Path file, String type, String secret, String fileName) {
        String host = hostName();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keyPair = generator.generateKeyPair();
            KeyStore keyStore = KeyStore.getInstance(type);
            keyStore.load(null, null);
            keyStore.setKeyEntry(ALIAS, keyPair.getPrivate(), secret.toCharArray(),
                new Certificate[] {selfSigned(keyPair, host)});

            try (OutputStream out = Files.newOutputStream(createPrivately(temporaryBeside(file)))) {
                keyStore.store(out, secret.toCharArray());
            }
            Files.move(temporaryBeside(file), file, StandardCopyOption.ATOMIC_MOVE);
            LOGGER.info("Created {} with a self-signed certificate for {} (as {} asks); replace it with a real certificate", file, host, fileName);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new ConfigurationError(fileName, "tls.keystore", "cannot create the missing keystore " + file + ": " + e.getMessage(), e);
        }
    }

    private static String newSecret(Path secretFile, String fileName) {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.writeString(createPrivately(temporaryBeside(secretFile)), secret + "\n", StandardCharsets.UTF_8);
            Files.move(temporaryBeside(secretFile), secretFile, StandardCopyOption.ATOMIC_MOVE);
            return secret;
        } catch (IOException e) {
            throw new ConfigurationError(fileName, "tls.secret", "none given and " + secretFile + " cannot be written: " + e.getMessage(), e);
        }
    }

    private static Path temporaryBeside(Path file) {
        return file.resolveSibling(file.getFileName() + ".new");
    }

    /** An empty file only its owner may read and write (its folder created too, likewise). */
    private static Path createPrivately(Path file) throws IOException {
        Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.deleteIfExists(file);
        return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    private static X509Certificate selfSigned(KeyPair keyPair, String host) throws IOException, GeneralSecurityException, OperatorCreationException {
        X500Name name = new X500Name("CN=" + host);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), name, keyPair.getPublic());
        GeneralName[] alternativeNames = Stream.concat(
                Stream.of(host, "localhost").distinct().map(dnsName -> new GeneralName(GeneralName.dNSName, dnsName)),
                Stream.of(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
            .toArray(GeneralName[]::new);
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternativeNames));
        return new JcaX509CertificateConverter()
            .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
