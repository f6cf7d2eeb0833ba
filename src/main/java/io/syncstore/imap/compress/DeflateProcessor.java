package io.syncstore.imap.compress;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.CompressRequest;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.imap.processor.base.AbstractProcessor;
import org.apache.james.util.MDCBuilder;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.compression.JdkZlibDecoder;
import io.netty.handler.codec.compression.JdkZlibEncoder;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.handler.ssl.SslHandler;
import io.syncstore.imap.channel.NettySessions;
import io.syncstore.imap.notify.NotifyStatusResponse;
import reactor.core.publisher.Mono;

/**
 * {@code COMPRESS DEFLATE} (RFC 4978) with Netty's zlib codecs over the JDK's zlib: raw deflate (no zlib header)
 * both ways, the encoder flushing at the end of every write, inserted right after TLS when TLS is on. Offered after
 * login (as Dovecot) and until compression is on; a second COMPRESS is answered {@code NO [COMPRESSIONACTIVE]}.
 * James 3.8.1's own processor needs JZlib and a server flag, and offers the capability again once active.
 */
public class DeflateProcessor extends AbstractProcessor<CompressRequest> implements CapabilityImplementingProcessor {
    private static final String DEFLATE = "DEFLATE";
    private static final List<Capability> CAPABILITY = List.of(Capability.of("COMPRESS=" + DEFLATE));
    private static final String INFLATER = "syncstoreInflater";
    private static final String DEFLATER = "syncstoreDeflater";
    /** zlib's default trade-off; IMAP text compresses well below it, mobile links gain little above it. */
    private static final int LEVEL = 6;

    private final StatusResponseFactory factory;

    @Inject
    public DeflateProcessor(StatusResponseFactory factory) {
        super(CompressRequest.class);
        this.factory = factory;
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return available(session).filter(channel -> !isActive(channel)).map(channel -> CAPABILITY).orElse(List.of());
    }

    @Override
    protected Mono<Void> doProcess(CompressRequest request, Responder responder, ImapSession session) {
        Optional<Channel> channel = available(session);
        if (channel.isEmpty()) {
            responder.respond(factory.taggedNo(request.getTag(), request.getCommand(),
                new HumanReadableText("org.syncstore.imap.COMPRESS_UNAVAILABLE", "COMPRESS is available after login")));
        } else if (isActive(channel.get())) {
            responder.respond(NotifyStatusResponse.taggedNo(request.getTag(), "COMPRESSIONACTIVE", "Compression is already on"));
        } else if (!request.getAlgorithm().equalsIgnoreCase(DEFLATE)) {
            responder.respond(factory.taggedBad(request.getTag(), request.getCommand(),
                new HumanReadableText("org.syncstore.imap.COMPRESS_ALGORITHM", "Only DEFLATE is supported")));
        } else {
            return Mono.fromRunnable(() -> start(channel.get(), request, responder))
                .subscribeOn(reactor.core.scheduler.Schedulers.fromExecutor(channel.get().eventLoop()))
                .then();
        }
        return Mono.empty();
    }

    /**
     * On the connection's event loop, so that the OK leaves uncompressed and nothing is written or read between it
     * and the codecs' insertion.
     */
    private void start(Channel channel, CompressRequest request, Responder responder) {
        responder.respond(factory.taggedOk(request.getTag(), request.getCommand(),
            new HumanReadableText("org.syncstore.imap.DEFLATE_ACTIVE", "DEFLATE active")));
        responder.flush();
        ChannelPipeline pipeline = channel.pipeline();
        SslHandler tls = pipeline.get(SslHandler.class);
        if (tls == null) {
            pipeline.addFirst(INFLATER, new JdkZlibDecoder(ZlibWrapper.NONE));
            pipeline.addFirst(DEFLATER, new JdkZlibEncoder(ZlibWrapper.NONE, LEVEL));
        } else {
            String tlsName = pipeline.context(tls).name();
            pipeline.addAfter(tlsName, INFLATER, new JdkZlibDecoder(ZlibWrapper.NONE));
            pipeline.addAfter(tlsName, DEFLATER, new JdkZlibEncoder(ZlibWrapper.NONE, LEVEL));
        }
    }

    private static Optional<Channel> available(ImapSession session) {
        if (session.getState() == ImapSessionState.NON_AUTHENTICATED || session.getState() == ImapSessionState.LOGOUT) {
            return Optional.empty();
        }
        return NettySessions.channel(session);
    }

    private static boolean isActive(Channel channel) {
        return channel.pipeline().get(INFLATER) != null;
    }

    @Override
    protected MDCBuilder mdc(CompressRequest message) {
        return MDCBuilder.create().addToContext(MDCBuilder.ACTION, "COMPRESS");
    }
}
