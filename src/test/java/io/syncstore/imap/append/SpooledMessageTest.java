package io.syncstore.imap.append;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;

class SpooledMessageTest {
    private static byte[] read(SpooledMessage message) throws IOException {
        try (InputStream in = message.content().getInputStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void upToTheLimitTheOctetsStayInMemory() throws Exception {
        try (SpooledMessage message = new SpooledMessage(10)) {
            message.write("12345".getBytes(StandardCharsets.US_ASCII));
            message.write("67890".getBytes(StandardCharsets.US_ASCII));
            assertThat(message.spoolFile()).isEmpty();
            assertThat(read(message)).asString().isEqualTo("1234567890");
            assertThat(message.content().size()).isEqualTo(10);
        }
    }

    @Test
    void beyondTheLimitTheyGoToAFileOnlyItsOwnerReadsDeletedOnClose() throws Exception {
        SpooledMessage message = new SpooledMessage(10);
        message.write("12345".getBytes(StandardCharsets.US_ASCII));
        message.write("6789012345".getBytes(StandardCharsets.US_ASCII));
        message.write('!');
        Path spooled = message.spoolFile().orElseThrow();
        assertThat(spooled).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spooled))).isEqualTo("rw-------");
        assertThat(read(message)).asString().isEqualTo("123456789012345!");
        assertThat(message.content().size()).isEqualTo(16);
        message.close();
        assertThat(spooled).doesNotExist();
    }

    @Test
    void aLimitOfZeroKeepsEverythingInMemory() throws Exception {
        try (SpooledMessage message = new SpooledMessage(0)) {
            message.write(new byte[100_000]);
            assertThat(message.spoolFile()).isEmpty();
            assertThat(message.content().size()).isEqualTo(100_000);
        }
    }
}
