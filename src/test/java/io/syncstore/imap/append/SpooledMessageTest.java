package io.syncstore.imap.append;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class SpooledMessageTest {
    private static final Path TMP = Paths.get(System.getProperty("java.io.tmpdir"));

    private static List<Path> spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(TMP)) {
            return files.filter(file -> file.getFileName().toString().startsWith("syncstore-imap-catenate"))
                .collect(Collectors.toList());
        }
    }

    private static byte[] read(SpooledMessage message) throws IOException {
        try (InputStream in = message.content().getInputStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void upToTheLimitTheOctetsStayInMemory() throws Exception {
        List<Path> before = spoolFiles();
        try (SpooledMessage message = new SpooledMessage(10)) {
            message.write("12345".getBytes(StandardCharsets.US_ASCII));
            message.write("67890".getBytes(StandardCharsets.US_ASCII));
            assertThat(message.spooled()).isFalse();
            assertThat(spoolFiles()).isEqualTo(before);
            assertThat(read(message)).asString().isEqualTo("1234567890");
            assertThat(message.content().size()).isEqualTo(10);
        }
    }

    @Test
    void beyondTheLimitTheyGoToAFileOnlyItsOwnerReadsDeletedOnClose() throws Exception {
        List<Path> before = spoolFiles();
        SpooledMessage message = new SpooledMessage(10);
        message.write("12345".getBytes(StandardCharsets.US_ASCII));
        message.write("6789012345".getBytes(StandardCharsets.US_ASCII));
        message.write('!');
        assertThat(message.spooled()).isTrue();
        List<Path> spooled = spoolFiles();
        spooled.removeAll(before);
        assertThat(spooled).hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spooled.get(0)))).isEqualTo("rw-------");
        assertThat(read(message)).asString().isEqualTo("123456789012345!");
        assertThat(message.content().size()).isEqualTo(16);
        message.close();
        assertThat(spooled.get(0)).doesNotExist();
    }

    @Test
    void aLimitOfZeroKeepsEverythingInMemory() throws Exception {
        try (SpooledMessage message = new SpooledMessage(0)) {
            message.write(new byte[100_000]);
            assertThat(message.spooled()).isFalse();
            assertThat(message.content().size()).isEqualTo(100_000);
        }
    }
}
