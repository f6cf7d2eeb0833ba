package io.syncstore.server.modules;

import javax.inject.Provider;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imapserver.netty.IMAPServerFactory;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.modules.protocols.ImapPackage;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import io.syncstore.imap.ImapProcessorChain;
import io.syncstore.server.imap.SyncStoreImapServerFactory;

/**
 * Overrides James's {@code IMAPServerModule} binding of {@link IMAPServerFactory}: SyncStore's IMAP servers cut
 * commands with {@link io.syncstore.server.imap.CommandFramer} (pipelining, LITERAL+). Only in SyncStore's server
 * (or an assembly that overrides with this module): extension modules cannot replace it in a stock James.
 */
public class SyncStoreImapServerModule extends AbstractModule {
    @Provides
    @Singleton
    IMAPServerFactory provideServerFactory(FileSystem fileSystem, Provider<ImapDecoder> decoder, Provider<ImapEncoder> encoder,
                                           Provider<ImapProcessor> processor, MetricFactory metricFactory, GaugeRegistry gaugeRegistry,
                                           ImapPackage imapPackage) {
        // commands are decoded when their turn comes only by SyncStore's processor chain (SyncStoreImapPackage)
        boolean deferDecoding = imapPackage.processors().stream()
            .anyMatch(name -> name.getName().equals(ImapProcessorChain.class.getName()));
        return new SyncStoreImapServerFactory(fileSystem, decoder, encoder, processor, metricFactory, gaugeRegistry,
            deferDecoding);
    }
}
