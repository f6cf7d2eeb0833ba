package io.syncstore.imap.condstore;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.message.Capability;

import com.google.common.collect.ImmutableSet;

/**
 * James 3.8.1's IMAP server never sets {@code isCondstoreEnable}, so CONDSTORE is not advertised (and ENABLE CONDSTORE
 * is ignored) although James implements most of it: the package's processors get the server's configuration with
 * CONDSTORE on.
 */
public final class CondstoreConfiguration {
    private CondstoreConfiguration() {
    }

    public static ImapConfiguration withCondstore(ImapConfiguration configuration) {
        ImapConfiguration.Builder builder = ImapConfiguration.builder()
            .idleTimeInterval(configuration.getIdleTimeInterval())
            .idleTimeIntervalUnit(configuration.getIdleTimeIntervalUnit())
            .enableIdle(configuration.isEnableIdle())
            .concurrentRequests(configuration.getConcurrentRequests())
            .maxQueueSize(configuration.getMaxQueueSize())
            .disabledCaps(configuration.getDisabledCaps().stream().map(Capability::asString).collect(ImmutableSet.toImmutableSet()))
            .isProvisionDefaultMailboxes(configuration.isProvisionDefaultMailboxes())
            .withCustomProperties(configuration.getCustomProperties())
            .isCondstoreEnable(true);
        configuration.getAppendLimit().ifPresent(builder::appendLimit);
        return builder.build();
    }
}
