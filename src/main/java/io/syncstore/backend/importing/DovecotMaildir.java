package io.syncstore.backend.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.mail.Flags;

import org.apache.james.mailbox.exception.MailboxException;

/**
 * A user's Maildir in Dovecot's layout (Maildir++): the inbox in the folder itself, every other folder in a
 * sub-folder named {@code .Parent.Child} (names in modified UTF-7), each with {@code cur/} and {@code new/},
 * its {@code dovecot-uidlist} and {@code dovecot-keywords}. A message's date is its file's modification time, as
 * Dovecot reads it.
 */
public final class DovecotMaildir {
    private DovecotMaildir() {
    }

    public static List<FolderSource> folders(Path root) throws IOException {
        if (!isMaildir(root)) {
            throw new IOException(root + " is not a Maildir: it has no cur/ and new/");
        }
        List<FolderSource> folders = new ArrayList<>();
        folders.add(new Folder(List.of("INBOX"), root));
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : (Iterable<Path>) children.sorted()::iterator) {
                String fileName = child.getFileName().toString();
                if (fileName.length() > 1 && fileName.startsWith(".") && !fileName.equals("..") && isMaildir(child)) {
                    folders.add(new Folder(Arrays.stream(fileName.substring(1).split("\\.", -1))
                        .map(ModifiedUtf7::decode)
                        .collect(Collectors.toList()), child));
                }
            }
        }
        return folders;
    }

    private static boolean isMaildir(Path folder) {
        return Files.isDirectory(folder.resolve("cur")) && Files.isDirectory(folder.resolve("new"));
    }

    private static final class Folder implements FolderSource {
        private final List<String> name;
        private final Path directory;

        Folder(List<String> name, Path directory) {
            this.name = name;
            this.directory = directory;
        }

        @Override
        public List<String> name() {
            return name;
        }

        @Override
        public String location() {
            return directory.toString();
        }

        @Override
        public void read(Reader reader) throws IOException, MailboxException {
            Optional<DovecotUidList> uidList = DovecotUidList.read(directory);
            Map<Character, String> keywords = DovecotKeywords.read(directory);
            if (uidList.isPresent()) {
                reader.uids(uidList.get().uidValidity, uidList.get().uidNext);
            }
            List<MessageFile> files = new ArrayList<>();
            for (String sub : List.of("cur", "new")) {
                try (Stream<Path> entries = Files.list(directory.resolve(sub))) {
                    entries.filter(Files::isRegularFile)
                        .forEach(file -> files.add(new MessageFile(file,
                            uidList.map(list -> list.uidOf(file.getFileName().toString())).orElse(OptionalLong.empty()))));
                }
            }
            files.sort(MessageFile.IN_UID_ORDER);
            for (MessageFile file : files) {
                String fileName = file.path.getFileName().toString();
                Flags flags = MaildirFlags.of(fileName, keywords);
                Date date = new Date(Files.getLastModifiedTime(file.path).toMillis());
                reader.message(new ImportedMessage(CrlfLines.of(Files.readAllBytes(file.path)), flags, Optional.of(date), file.uid));
            }
        }
    }

    private static final class MessageFile {
        /** Messages with UIDs first, by UID; then the others by name, which starts with their delivery time. */
        static final Comparator<MessageFile> IN_UID_ORDER = Comparator
            .comparing((MessageFile file) -> file.uid.isEmpty())
            .thenComparingLong(file -> file.uid.orElse(0))
            .thenComparing(file -> file.path.getFileName().toString());

        final Path path;
        final OptionalLong uid;

        MessageFile(Path path, OptionalLong uid) {
            this.path = path;
            this.uid = uid;
        }
    }
}
