package io.syncstore.backend.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

import javax.mail.Flags;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MboxTest {
    @TempDir
    Path folder;

    @Test
    void messagesAreCutAtFromLinesWithTheirFlagsAndEscapedLinesRestored() throws Exception {
        Path mbox = write("Sent", "From alice@example.com Tue Jan  2 03:04:05 2024\n"
            + "Status: RO\n"
            + "X-Status: AF\n"
            + "X-Keywords: $Forwarded Work\n"
            + "Subject: one\n"
            + "\n"
            + ">From the start\n"
            + ">>From deeper\n"
            + "not >From here\n"
            + "\n"
            + "From bob@example.com Wed Jan  3 03:04:05 2024\n"
            + "Subject: two\n"
            + "Content-Length: 5\n"
            + "\n"
            + "body\n");

        RecordingReader reader = read(mbox);

        assertThat(reader.messages).hasSize(2);
        ImportedMessage first = reader.messages.get(0);
        Flags expected = new Flags(Flags.Flag.SEEN);
        expected.add(Flags.Flag.ANSWERED);
        expected.add(Flags.Flag.FLAGGED);
        expected.add("$Forwarded");
        expected.add("Work");
        assertThat(first.flags()).isEqualTo(expected);
        assertThat(RecordingReader.text(first)).isEqualTo("Subject: one\r\n\r\nFrom the start\r\n>From deeper\r\nnot >From here\r\n");
        assertThat(first.internalDate()).hasValue(Date.from(Instant.parse("2024-01-02T03:04:05Z")));
        assertThat(RecordingReader.text(reader.messages.get(1))).isEqualTo("Subject: two\r\n\r\nbody\r\n");
        assertThat(reader.messages.get(1).flags()).isEqualTo(new Flags());
    }

    @Test
    void dovecotsUidHeadersGiveTheUidsAndItsPseudoMessageIsLeftOut() throws Exception {
        Path mbox = write("inbox", "From MAILER_DAEMON Tue Jan  2 03:04:05 2024\n"
            + "Subject: DON'T DELETE THIS MESSAGE -- FOLDER INTERNAL DATA\n"
            + "X-IMAP: 1700000000 0000000012 $Forwarded\n"
            + "\n"
            + "This text is part of the internal format of your mail folder.\n"
            + "\n"
            + "From a@example.com Tue Jan  2 03:04:05 2024\n"
            + "X-UID: 7\n"
            + "Subject: kept\n"
            + "\n"
            + "text\n");

        List<FolderSource> folders = Mbox.folders(mbox, "inbox");
        RecordingReader reader = new RecordingReader();
        folders.get(0).read(reader);

        assertThat(folders.get(0).name()).containsExactly("INBOX");
        assertThat(reader.events).containsExactly("uids 1700000000 12", "message 7");
        assertThat(RecordingReader.text(reader.messages.get(0))).isEqualTo("Subject: kept\r\n\r\ntext\r\n");
    }

    @Test
    void aFolderOfMboxFilesIsAFolderPerFileNamedByItsPath() throws Exception {
        write("INBOX", "From a Tue Jan  2 03:04:05 2024\n\nx\n");
        Files.createDirectories(folder.resolve("Lists"));
        write("Lists/james", "From a Tue Jan  2 03:04:05 2024\n\nx\n");
        write("empty", "");
        write("notes.txt", "not mail\n");
        write(".hidden", "From a Tue Jan  2 03:04:05 2024\n\nx\n");

        List<List<String>> names = Mbox.folders(folder, "ignored").stream().map(FolderSource::name).collect(Collectors.toList());

        assertThat(names).containsExactlyInAnyOrder(List.of("INBOX"), List.of("Lists", "james"), List.of("empty"));
    }

    private Path write(String name, String content) throws Exception {
        return Files.write(folder.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    private static RecordingReader read(Path mbox) throws Exception {
        RecordingReader reader = new RecordingReader();
        Mbox.folders(mbox, "Sent").get(0).read(reader);
        return reader;
    }
}
