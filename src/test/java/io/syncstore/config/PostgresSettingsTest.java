package io.syncstore.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.io.FileHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresSettingsTest {
    private static final String CONNECTION = "<url>jdbc:postgresql://db.example.com/syncstore</url><user>syncstore</user>";

    @TempDir
    Path workingDirectory;

    @Test
    void sqliteIsTheDefault() throws Exception {
        assertThat(parse("<syncstore><database>mail.db</database></syncstore>").postgresql()).isEmpty();
        assertThat(parse("<syncstore><backend>sqlite</backend><database>mail.db</database></syncstore>").postgresql()).isEmpty();
    }

    @Test
    void postgresqlNeedsNoDatabaseFileAndHasSafeDefaults() throws Exception {
        PostgresSettings settings = parse("<syncstore><backend>postgresql</backend><postgresql>" + CONNECTION
            + "<password>secret</password></postgresql></syncstore>").postgresql().orElseThrow();

        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db.example.com/syncstore");
        assertThat(settings.user()).isEqualTo("syncstore");
        assertThat(settings.password()).isEqualTo("secret");
        assertThat(settings.poolSize()).isEqualTo(PostgresSettings.DEFAULT_POOL_SIZE);
        assertThat(settings.tls()).isEqualTo(PostgresSettings.Tls.PREFER);
    }

    @Test
    void thePasswordMayComeFromAFileRelativeToTheWorkingDirectory() throws Exception {
        Files.writeString(workingDirectory.resolve("pg.password"), "from-file\n", StandardCharsets.UTF_8);

        PostgresSettings settings = parse("<syncstore><backend>postgresql</backend><postgresql>" + CONNECTION
            + "<passwordFile>pg.password</passwordFile><poolSize>20</poolSize><tls>verify-full</tls>"
            + "<tlsRootCertificate>ca.pem</tlsRootCertificate></postgresql></syncstore>").postgresql().orElseThrow();

        assertThat(settings.password()).isEqualTo("from-file");
        assertThat(settings.poolSize()).isEqualTo(20);
        assertThat(settings.tls().sslMode()).isEqualTo("verify-full");
        assertThat(settings.tlsRootCertificate()).contains(workingDirectory.resolve("ca.pem"));
    }

    @Test
    void errorsNameTheFileAndTheKey() {
        assertThatThrownBy(() -> parse("<syncstore><backend>mysql</backend></syncstore>"))
            .isInstanceOf(ConfigurationError.class)
            .hasMessage("syncstore.xml: backend: 'mysql' is not one of sqlite, postgresql");
        assertThatThrownBy(() -> parse("<syncstore><backend>postgresql</backend></syncstore>"))
            .hasMessage("syncstore.xml: postgresql.url: is missing");
        assertThatThrownBy(() -> parse("<syncstore><backend>postgresql</backend><postgresql><url>jdbc:mysql://x/y</url></postgresql></syncstore>"))
            .hasMessage("syncstore.xml: postgresql.url: 'jdbc:mysql://x/y' is not a jdbc:postgresql: URL");
        assertThatThrownBy(() -> parse("<syncstore><backend>postgresql</backend><postgresql>" + CONNECTION + "</postgresql></syncstore>"))
            .hasMessage("syncstore.xml: postgresql.password: is missing (give postgresql.password or postgresql.passwordFile)");
        assertThatThrownBy(() -> parse("<syncstore><backend>postgresql</backend><postgresql>" + CONNECTION
                + "<passwordFile>absent</passwordFile></postgresql></syncstore>"))
            .hasMessageStartingWith("syncstore.xml: postgresql.passwordFile: cannot read " + workingDirectory.resolve("absent"));
        assertThatThrownBy(() -> parse("<syncstore><backend>postgresql</backend><postgresql>" + CONNECTION
                + "<password>x</password><tls>sometimes</tls></postgresql></syncstore>"))
            .hasMessageStartingWith("syncstore.xml: postgresql.tls: 'sometimes' is not one of");
        assertThatThrownBy(() -> parse("<syncstore><backend>postgresql</backend><postgresql>" + CONNECTION
                + "<password>x</password><poolSize>0</poolSize></postgresql></syncstore>"))
            .hasMessage("syncstore.xml: postgresql.poolSize: '0' must be at least 1");
    }

    private SyncStoreConfiguration parse(String xmlText) throws Exception {
        XMLConfiguration xml = new XMLConfiguration();
        new FileHandler(xml).load(new StringReader(xmlText));
        return SyncStoreConfiguration.from(xml, workingDirectory);
    }
}
