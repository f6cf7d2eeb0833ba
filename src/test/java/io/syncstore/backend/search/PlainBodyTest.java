package io.syncstore.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The bytes rule a value out only where the text SearchText makes is the bytes lowercased. */
class PlainBodyTest {
    private static final String PLAIN = "Subject: x\r\nContent-Type: text/plain; charset=\"US-ASCII\"\r\n\r\n";

    @Test
    void aPlainAsciiBodyRulesOutWhatItsLowercasedBytesDoNotHold() {
        assertThat(cannotHold(PLAIN, "Customer Release\r\nnotes", "customer release")).isFalse();
        assertThat(cannotHold(PLAIN, "Customer\r\nRelease", "customer release")).isTrue();
        assertThat(cannotHold("Subject: x\r\n\r\n", "no header of its own", "of its")).isFalse();
        assertThat(cannotHold("Subject: x\r\n\r\n", "no header of its own", "of  its")).isTrue();
    }

    @Test
    void anythingElseMayHoldTheValue() {
        assertThat(cannotHold(PLAIN, "Customer\r\nRelease", "customer\nrelease")).isFalse();
        assertThat(cannotHold("Content-Transfer-Encoding: base64\r\n\r\n", "Y3VzdG9tZXIgcmVsZWFzZQ==", "customer release")).isFalse();
        assertThat(cannotHold("Content-Transfer-Encoding: Quoted-Printable\r\n\r\n", "customer=20release", "customer release")).isFalse();
        assertThat(cannotHold("Content-Type: text/plain; charset=utf-7\r\n\r\n", "customer+ACA-release", "customer release")).isFalse();
        assertThat(cannotHold("Content-Type: text/plain; charset = \"utf-16\"\r\n\r\n", "abc", "customer release")).isFalse();
        assertThat(cannotHold("Content-Type: text/plain; charset\r\n\r\n", "abc", "customer release")).isFalse();
        assertThat(cannotHold("Subject: x\r\n\r\n", "caf\u00e9 customer", "customer release")).isFalse();
        assertThat(cannotHold("Subject: caf\u00e9\r\n\r\n", "abc", "customer release")).isFalse();
    }

    private static boolean cannotHold(String header, String body, String foldedValue) {
        return PlainBody.cannotHold(header.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8), foldedValue);
    }
}
