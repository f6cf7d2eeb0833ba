package io.syncstore.backend.guice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.StringReader;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.io.FileHandler;
import org.junit.jupiter.api.Test;

class SyncStoreQuotaModuleTest {
    @Test
    void theShippedListenersFileConfiguresNoListenerToTellTheUsageTo() throws Exception {
        XMLConfiguration shipped = new XMLConfiguration();
        new FileHandler(shipped).load(new File("conf/listeners.xml"));

        assertThat(SyncStoreQuotaModule.anyListenerConfigured(shipped)).isFalse();
    }

    @Test
    void aListenerConfiguredInTheFileMayHearTheUsage() throws Exception {
        assertThat(SyncStoreQuotaModule.anyListenerConfigured(listeners("<listeners><listener>"
            + "<class>org.apache.james.mailbox.quota.mailing.listeners.QuotaThresholdCrossingListener</class>"
            + "<group>QuotaThresholdCrossingListener-upper-threshold</group></listener></listeners>"))).isTrue();
    }

    private static XMLConfiguration listeners(String xml) throws Exception {
        XMLConfiguration configuration = new XMLConfiguration();
        new FileHandler(configuration).load(new StringReader(xml));
        return configuration;
    }
}
