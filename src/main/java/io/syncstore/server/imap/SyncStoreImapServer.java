package io.syncstore.server.imap;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imapserver.netty.IMAPServer;
import org.apache.james.imapserver.netty.ImapMetrics;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.protocols.netty.AbstractChannelPipelineFactory;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;

/**
 * James's IMAP server with one change: the connection's bytes are cut into commands by {@link CommandFramer}
 * (under the name James's session looks its line handlers up by), instead of James's framer and request decoder.
 * When SyncStore's processor chain decodes the commands, the framer also bounds the commands in progress
 * ({@link CommandThrottle}) in place of James's request throttle. Its sockets are {@link ListeningSockets}' (epoll on
 * Linux) instead of James's, which are always NIO's: James's binding keeps its settings private, so the setters
 * that configure it are followed here too.
 */
public class SyncStoreImapServer extends IMAPServer {
    private final ImapDecoder decoder;
    private final boolean deferDecoding;
    private Limits limits = Limits.defaults();
    private CommandThrottle throttle;
    private final ListeningSockets sockets = new ListeningSockets();
    private final ListeningSockets.Settings socketSettings = new ListeningSockets.Settings();

    public SyncStoreImapServer(ImapDecoder decoder, ImapEncoder encoder, ImapProcessor processor, ImapMetrics imapMetrics,
                               GaugeRegistry gaugeRegistry, boolean deferDecoding) {
        super(decoder, encoder, processor, imapMetrics, gaugeRegistry);
        this.decoder = decoder;
        this.deferDecoding = deferDecoding;
    }

    @Override
    public void doConfigure(HierarchicalConfiguration<ImmutableNode> configuration) throws ConfigurationException {
        // the same keys and defaults as IMAPServer, whose fields are private
        limits = Limits.of(configuration);
        if (limits.literalMinus() && !deferDecoding) {
            throw new ConfigurationException("imapserver.xml: literalMinus needs SyncStore's IMAP package (io.syncstore.imap.SyncStoreImapPackage)");
        }
        if (!deferDecoding) {
            super.doConfigure(configuration);
            return;
        }
        throttle = CommandThrottle.of(configuration);
        BaseHierarchicalConfiguration withoutJamesThrottle = new BaseHierarchicalConfiguration(configuration);
        withoutJamesThrottle.setProperty("concurrentRequests", -1);
        if (limits.literalMinus()) {
            // James lists LITERAL+ unless told not to; SyncStore's package lists LITERAL- instead
            String disabled = configuration.getString("disabledCaps", "");
            withoutJamesThrottle.setProperty("disabledCaps", disabled.isEmpty() ? "LITERAL+" : disabled + "|LITERAL+");
        }
        super.doConfigure(withoutJamesThrottle);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected AbstractChannelPipelineFactory createPipelineFactory() {
        AbstractChannelPipelineFactory james = super.createPipelineFactory();
        return new AbstractChannelPipelineFactory(getFrameHandlerFactory(), getExecutorGroup()) {
            @Override
            protected ChannelInboundHandlerAdapter createHandler() {
                return createCoreHandler();
            }

            @Override
            public void initChannel(Channel channel) throws Exception {
                ChannelPipeline pipeline = channel.pipeline();
                // James's initializer, run in place (it adds its handlers, then removes itself)
                pipeline.addLast(james);
                pipeline.remove(FRAMER);
                pipeline.replace(REQUEST_DECODER, REQUEST_DECODER, new CommandFramer(decoder, limits, throttle));
            }
        };
    }

    @Override
    public synchronized void setListenAddresses(InetSocketAddress... addresses) {
        super.setListenAddresses(addresses);
        socketSettings.addresses(addresses);
    }

    @Override
    public void setIoWorkerCount(int ioWorker) {
        super.setIoWorkerCount(ioWorker);
        socketSettings.ioThreads(ioWorker);
    }

    @Override
    public void setBossWorkerCount(Optional<Integer> bossWorker) {
        super.setBossWorkerCount(bossWorker);
        socketSettings.bossThreads(bossWorker);
    }

    @Override
    public void setGracefulShutdown(boolean gracefulShutdown) {
        super.setGracefulShutdown(gracefulShutdown);
        socketSettings.graceful(gracefulShutdown);
    }

    @Override
    public synchronized void bind() throws Exception {
        if (sockets.isBound()) {
            throw new IllegalStateException("IMAP server already bound");
        }
        sockets.bind(socketSettings, jmxName, createPipelineFactory(), this::configureBootstrap);
    }

    @Override
    public synchronized void unbind() {
        try {
            sockets.unbind(socketSettings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isBound() {
        return sockets.isBound();
    }

    @Override
    public synchronized List<InetSocketAddress> getListenAddresses() {
        return sockets.addresses();
    }
}
