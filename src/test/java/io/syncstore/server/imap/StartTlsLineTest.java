package io.syncstore.server.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

class StartTlsLineTest {
    private static boolean isStartTls(String framed) {
        ByteBuf in = Unpooled.wrappedBuffer(("x " + framed + "\nafter").getBytes(StandardCharsets.ISO_8859_1));
        int start = 2;
        return StartTlsLine.is(in, start, in.indexOf(start, in.writerIndex(), (byte) '\n'));
    }

    @Test
    void aTagAndStartTlsInAnyCase() {
        assertThat(isStartTls("a1 STARTTLS\r")).isTrue();
        assertThat(isStartTls("a1 starttls\r")).isTrue();
        assertThat(isStartTls(" t StartTls  \r")).isTrue();
        assertThat(isStartTls("t  STARTTLS")).isTrue();
    }

    @Test
    void anythingElseIsNot() {
        assertThat(isStartTls("STARTTLS\r")).isFalse();
        assertThat(isStartTls("a1 STARTTLS now\r")).isFalse();
        assertThat(isStartTls("a1 STARTTL\r")).isFalse();
        assertThat(isStartTls("a1 XSTARTTLS\r")).isFalse();
        assertThat(isStartTls("a1 NOOP\r")).isFalse();
        assertThat(isStartTls("a1 STARTTLS\u00e9\r")).isFalse();
        assertThat(isStartTls("a1 APPEND INBOX {12}\r\nx STARTTLS\r")).isFalse();
        assertThat(isStartTls("")).isFalse();
    }
}
