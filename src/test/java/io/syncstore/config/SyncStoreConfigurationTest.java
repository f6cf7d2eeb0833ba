package io.syncstore.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.StringReader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.io.FileHandler;
import org.junit.jupiter.api.Test;

class SyncStoreConfigurationTest {
    private static final Path DATA_DIRECTORY = Paths.get("/var/lib/syncstore-james");

    @Test
    void theSampleConfigurationIsValidAndSafe() throws Exception {
        XMLConfiguration xml = new XMLConfiguration();
        new FileHandler(xml).load(new File("conf/syncstore.xml"));

        SyncStoreConfiguration configuration = SyncStoreConfiguration.from(xml, DATA_DIRECTORY);

        assertThat(configuration.databaseFile()).isEqualTo(DATA_DIRECTORY.resolve("syncstore/mail.db"));
        assertThat(configuration.contentDirectory()).isEqualTo(DATA_DIRECTORY.resolve("syncstore/content"));
        assertThat(configuration.syncPolicy()).isEqualTo(SyncPolicy.FULL);
    }

    @Test
    void onlyTheDatabaseIsRequiredAndDefaultsAreSafe() throws Exception {
        SyncStoreConfiguration configuration = parse("<syncstore><database>mail.db</database></syncstore>");

        assertThat(configuration.syncPolicy()).isEqualTo(SyncPolicy.FULL);
        assertThat(configuration.contentDirectory()).isEqualTo(DATA_DIRECTORY.resolve("content"));
        assertThat(configuration.inlineContentThreshold()).isEqualTo(65536);
        assertThat(configuration.busyTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aMissingDatabaseNamesTheFileAndTheKey() {
        assertThatThrownBy(() -> parse("<syncstore><sync>full</sync></syncstore>"))
            .isInstanceOf(ConfigurationError.class)
            .hasMessage("syncstore.xml: database: is missing");
    }

    @Test
    void anUnknownKeyNamesTheFileAndTheKey() {
        assertThatThrownBy(() -> parse("<syncstore><database>a.db</database><readConections>8</readConections></syncstore>"))
            .isInstanceOf(ConfigurationError.class)
            .hasMessageStartingWith("syncstore.xml: readConections: unknown key (known keys: database, contentDirectory, ");
        assertThatThrownBy(() -> parse("<syncstore><database>a.db</database><sync><mode>full</mode></sync></syncstore>"))
            .isInstanceOf(ConfigurationError.class)
            .hasMessageStartingWith("syncstore.xml: sync.mode: unknown key");
    }

    @Test
    void anUnknownSyncPolicyNamesTheFileTheKeyAndTheChoices() {
        assertThatThrownBy(() -> parse("<syncstore><database>a.db</database><sync>sometimes</sync></syncstore>"))
            .isInstanceOf(ConfigurationError.class)
            .hasMessage("syncstore.xml: sync: 'sometimes' is not one of [FULL, NORMAL, OFF]");
    }

    @Test
    void aBadNumberNamesTheFileAndTheKey() {
        assertThatThrownBy(() -> parse("<syncstore><database>a.db</database><inlineContentThreshold>64k</inlineContentThreshold></syncstore>"))
            .isInstanceOf(ConfigurationError.class)
            .hasMessage("syncstore.xml: inlineContentThreshold: '64k' is not a whole number");
        assertThatThrownBy(() -> parse("<syncstore><database>a.db</database><readConnections>0</readConnections></syncstore>"))
            .isInstanceOf(ConfigurationError.class)
            .hasMessage("syncstore.xml: readConnections: '0' must be at least 1");
    }

    @Test
    void aBadDurationNamesTheFileAndTheKey() {
        assertThatThrownBy(() -> parse("<syncstore><database>a.db</database><busyTimeout>soon</busyTimeout></syncstore>"))
            .isInstanceOf(ConfigurationError.class)
            .hasMessageStartingWith("syncstore.xml: busyTimeout: 'soon' is not a duration");
    }

    private static SyncStoreConfiguration parse(String xmlText) throws Exception {
        XMLConfiguration xml = new XMLConfiguration();
        new FileHandler(xml).load(new StringReader(xmlText));
        return SyncStoreConfiguration.from(xml, DATA_DIRECTORY);
    }
}
