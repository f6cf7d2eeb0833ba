package io.syncstore.imap.notify;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.encode.ImapEncoder;

import io.netty.channel.Channel;

/**
 * A responder of our own on the session's channel, for what is written outside of a command (notifications, the end
 * of IDLE). It never shares a composer with a command.
 */
final class ChannelResponder implements ImapProcessor.Responder {
    private final ImapEncoder encoder;
    private final ChannelComposer composer;

    ChannelResponder(Channel channel, ImapEncoder encoder) {
        this.encoder = encoder;
        this.composer = new ChannelComposer(channel);
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
        composer.flush();
    }
}
