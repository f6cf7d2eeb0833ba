package io.syncstore.server.imap;

import javax.inject.Provider;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imapserver.netty.IMAPServer;
import org.apache.james.imapserver.netty.IMAPServerFactory;
import org.apache.james.imapserver.netty.ImapMetrics;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;

/** Creates {@link SyncStoreImapServer}s for the {@code <imapserver>} entries of imapserver.xml. */
public class SyncStoreImapServerFactory extends IMAPServerFactory {
    private final ImapMetrics metrics;
    private final boolean deferDecoding;

    public SyncStoreImapServerFactory(FileSystem fileSystem, Provider<ImapDecoder> decoder, Provider<ImapEncoder> encoder,
                                      Provider<ImapProcessor> processor, MetricFactory metricFactory, GaugeRegistry gaugeRegistry,
                                      boolean deferDecoding) {
        super(fileSystem, decoder, encoder, processor, metricFactory, gaugeRegistry);
        this.deferDecoding = deferDecoding;
        this.metrics = new ImapMetrics(metricFactory);
    }

    @Override
    protected IMAPServer createServer() {
        return new SyncStoreImapServer(decoder.get(), encoder.get(), processor.get(), metrics, gaugeRegistry, deferDecoding);
    }
}
