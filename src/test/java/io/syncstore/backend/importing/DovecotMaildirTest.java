package io.syncstore.backend.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.mail.Flags;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DovecotMaildirTest {
    @TempDir
    Path root;

    @Test
    void foldersAreTheInboxAndTheDotFoldersWithTheirHierarchyAndModifiedUtf7Names() throws Exception {
        maildir(root);
        maildir(root.resolve(".Archive"));
        maildir(root.resolve(".Archive.2024"));
        maildir(root.resolve(".Entw&APw-rfe"));
        Files.createDirectories(root.resolve(".not-a-maildir"));

        List<List<String>> names = DovecotMaildir.folders(root).stream().map(FolderSource::name).collect(Collectors.toList());

        assertThat(names).containsExactly(List.of("INBOX"), List.of("Archive"), List.of("Archive", "2024"), List.of("Entwürfe"));
    }

    @Test
    void aFolderWithoutCurAndNewIsRefused() {
        assertThatThrownBy(() -> DovecotMaildir.folders(root)).hasMessageContaining("not a Maildir");
    }

    @Test
    void messagesComeInUidOrderWithFlagsKeywordsAndDateAndLinesEndingInCrlf() throws Exception {
        maildir(root);
        Files.writeString(root.resolve("dovecot-uidlist"), "3 V1700000000 N7 G0123456789abcdef\n"
            + "2 :1700000002.M2P1.host,S=20\n"
            + "5 W30 :1700000005.M5P1.host,S=20\n");
        Files.writeString(root.resolve("dovecot-keywords"), "0 $Forwarded\n1 Work\n");
        Path second = message(root.resolve("cur/1700000002.M2P1.host,S=20:2,RSb"), "Subject: two\n\nbody\n");
        Files.setLastModifiedTime(second, FileTime.from(Instant.parse("2024-01-02T03:04:05Z")));
        message(root.resolve("cur/1700000005.M5P1.host,S=20:2,FTaP"), "Subject: five\n\nbody\n");
        message(root.resolve("new/1700000009.M9P1.host"), "Subject: new\r\n\r\nbody\r\n");

        RecordingReader reader = read(root);

        assertThat(reader.events).containsExactly("uids 1700000000 7", "message 2", "message 5", "message -");
        assertThat(reader.messages.get(0).flags()).isEqualTo(flags(new Flags(Flags.Flag.ANSWERED), Flags.Flag.SEEN, "Work"));
        assertThat(reader.messages.get(1).flags()).isEqualTo(flags(new Flags(Flags.Flag.FLAGGED), Flags.Flag.DELETED, "$Forwarded"));
        assertThat(reader.messages.get(2).flags()).isEqualTo(new Flags());
        assertThat(reader.messages.get(0).internalDate()).hasValue(Date.from(Instant.parse("2024-01-02T03:04:05Z")));
        assertThat(RecordingReader.text(reader.messages.get(0))).isEqualTo("Subject: two\r\n\r\nbody\r\n");
        assertThat(RecordingReader.text(reader.messages.get(2))).isEqualTo("Subject: new\r\n\r\nbody\r\n");
    }

    @Test
    void withoutAUidListMessagesComeInFileNameOrderWithoutUids() throws Exception {
        maildir(root);
        message(root.resolve("cur/1700000002.M2P1.host:2,"), "b\n");
        message(root.resolve("cur/1700000001.M1P1.host:2,S"), "a\n");

        RecordingReader reader = read(root);

        assertThat(reader.events).containsExactly("message -", "message -");
        assertThat(RecordingReader.text(reader.messages.get(0))).isEqualTo("a\r\n");
    }

    @Test
    void uidListVersion1AndUnreadableHeaders() {
        assertThat(DovecotUidList.parse(List.of("1 1234 9", "3 1700.M1.host", "4 1700.M2.host:2,S")).orElseThrow())
            .satisfies(list -> {
                assertThat(list.uidValidity).isEqualTo(1234);
                assertThat(list.uidNext).isEqualTo(9);
                assertThat(list.uidOf("1700.M1.host:2,FS")).hasValue(3);
                assertThat(list.uidOf("1700.M2.host")).hasValue(4);
                assertThat(list.uidOf("1700.M3.host")).isEmpty();
            });
        assertThat(DovecotUidList.parse(List.of("2 garbage"))).isEmpty();
        assertThat(DovecotUidList.parse(List.of("3 N5"))).isEmpty();
        assertThat(DovecotUidList.parse(List.of())).isEmpty();
    }

    @Test
    void keywordsBeyondTheLettersAreIgnored() {
        assertThat(DovecotKeywords.parse(List.of("0 $Junk", "25 Last", "26 Beyond", "junk line")))
            .isEqualTo(Map.of('a', "$Junk", 'z', "Last"));
    }

    @Test
    void modifiedUtf7() {
        assertThat(ModifiedUtf7.decode("Entw&APw-rfe")).isEqualTo("Entwürfe");
        assertThat(ModifiedUtf7.decode("&ZeVnLIqe-")).isEqualTo("日本語");
        assertThat(ModifiedUtf7.decode("R&-D")).isEqualTo("R&D");
        assertThat(ModifiedUtf7.decode("plain")).isEqualTo("plain");
    }

    private static RecordingReader read(Path folder) throws Exception {
        RecordingReader reader = new RecordingReader();
        DovecotMaildir.folders(folder).get(0).read(reader);
        return reader;
    }

    private static Flags flags(Flags flags, Flags.Flag other, String keyword) {
        flags.add(other);
        flags.add(keyword);
        return flags;
    }

    private static void maildir(Path folder) throws IOException {
        for (String sub : List.of("cur", "new", "tmp")) {
            Files.createDirectories(folder.resolve(sub));
        }
    }

    private static Path message(Path file, String content) throws IOException {
        return Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    }
}
