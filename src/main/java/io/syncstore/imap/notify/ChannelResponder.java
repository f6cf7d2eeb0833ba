package io.syncstore.imap.notify;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imap.encode.ImapResponseWriter;
import org.apache.james.imap.encode.base.ImapResponseComposerImpl;
import org.apache.james.imap.message.Literal;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

/**
 * A responder of our own on the session's channel, for what is written outside of a command (notifications, the end
 * of IDLE). It never shares a composer with a command, and it flushes its buffered prefix before a literal, as James's
 * own channel writer does.
 */
final class ChannelResponder implements ImapProcessor.Responder {
    private final ImapEncoder encoder;
    private final ImapResponseComposerImpl composer;

    ChannelResponder(Channel channel, ImapEncoder encoder) {
        this.encoder = encoder;
        Writer writer = new Writer(channel);
        this.composer = new ImapResponseComposerImpl(writer);
        writer.composer = composer;
    }

    @Override
    public synchronized void respond(ImapResponseMessage message) {
        try {
            encoder.encode(message, composer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void flush() {
        try {
            composer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Writer implements ImapResponseWriter {
        private final Channel channel;
        private ImapResponseComposerImpl composer;

        private Writer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void write(byte[] buffer) {
            if (channel.isActive()) {
                channel.writeAndFlush(Unpooled.wrappedBuffer(buffer));
            }
        }

        @Override
        public void write(Literal literal) throws IOException {
            composer.flush();
            // read now, on the writing thread: the content may not outlive the FETCH that produced it
            byte[] content;
            try (java.io.InputStream in = literal.getInputStream()) {
                content = in.readAllBytes();
            }
            if (channel.isActive()) {
                channel.writeAndFlush(Unpooled.wrappedBuffer(content));
            }
        }
    }
}
