package io.syncstore.server.imap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.syncstore.imap.channel.DeferredCommand;

/**
 * The framer notes, from its octets, whether a command may name a mailbox outside US-ASCII: an octet above 127 in a
 * line, or in a literal short enough to be a name. A message's 8-bit body does not count (its decoding would leave
 * the event loop for nothing).
 */
class CommandFramerEightBitTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new CommandFramer(null,
        Limits.of(withInMemoryLimit("1M")), CommandThrottle.of(new BaseHierarchicalConfiguration())));

    private static BaseHierarchicalConfiguration withInMemoryLimit(String size) {
        BaseHierarchicalConfiguration configuration = new BaseHierarchicalConfiguration();
        configuration.addProperty("inMemorySizeLimit", size);
        return configuration;
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private DeferredCommand framed(String octets) {
        channel.writeInbound(Unpooled.wrappedBuffer(octets.getBytes(UTF_8)));
        DeferredCommand command = channel.readInbound();
        assertThat(command).isNotNull();
        return command;
    }

    @Test
    void anAsciiCommandMayNotNameANonAsciiMailbox() {
        assertThat(framed("a1 SELECT \"Archive.2024\"\r\n").mayNameNonAscii()).isFalse();
    }

    @Test
    void anEightBitLineMay() {
        assertThat(framed("a1 SELECT \"Caf\u00e9\"\r\n").mayNameNonAscii()).isTrue();
    }

    @Test
    void anEightBitLiteralOfANamesLengthMay() {
        assertThat(framed("a1 SELECT {5+}\r\nCaf\u00e9\r\n").mayNameNonAscii()).isTrue();
    }

    @Test
    void anEightBitMessageLongerThanAnyNameMayNot() {
        String body = "Subject: caf\u00e9\r\n\r\n" + "d\u00e9j\u00e0 vu ".repeat(100) + "\r\n";
        int octets = body.getBytes(UTF_8).length;
        assertThat(framed("a1 APPEND INBOX {" + octets + "+}\r\n" + body + "\r\n").mayNameNonAscii()).isFalse();
    }

    @Test
    void anEightBitMessageSpooledToAFileMayNot() {
        EmbeddedChannel spooling = new EmbeddedChannel(new CommandFramer(null,
            Limits.of(withInMemoryLimit("1K")), CommandThrottle.of(new BaseHierarchicalConfiguration())));
        String body = "d\u00e9j\u00e0 vu ".repeat(300);
        int octets = body.getBytes(UTF_8).length;
        spooling.writeInbound(Unpooled.wrappedBuffer(("a1 APPEND INBOX {" + octets + "+}\r\n" + body + "\r\n").getBytes(UTF_8)));
        DeferredCommand command = spooling.readInbound();
        try {
            assertThat(command.mayNameNonAscii()).isFalse();
        } finally {
            command.close();
            spooling.finishAndReleaseAll();
        }
    }

    @Test
    void theNoteEndsWithItsCommand() {
        assertThat(framed("a1 SELECT \"Caf\u00e9\"\r\n").mayNameNonAscii()).isTrue();
        assertThat(framed("a2 NOOP\r\n").mayNameNonAscii()).isFalse();
    }
}
