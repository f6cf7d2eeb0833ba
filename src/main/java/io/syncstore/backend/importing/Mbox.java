package io.syncstore.backend.importing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.mail.Flags;

import org.apache.james.mailbox.exception.MailboxException;

/**
 * Folders in mbox files: one file per folder, each message after a {@code From } line, lines of the body that
 * began with {@code From } escaped by {@code >} (mboxrd; one {@code >} is removed from every {@code >...From } line).
 * Flags come from the {@code Status} (R seen), {@code X-Status} (A answered, F flagged, T draft, D deleted) and
 * {@code X-Keywords} headers; UIDs from {@code X-IMAPbase}/{@code X-IMAP} and {@code X-UID} as Dovecot and UW-IMAP
 * write them. These headers, and {@code Content-Length}, are the mail server's and are not imported; nor is the
 * pseudo-message that carries {@code X-IMAP}.
 */
public final class Mbox {
    private static final Set<String> SERVER_HEADERS = Set.of("status", "x-status", "x-keywords", "x-uid", "x-imap",
        "x-imapbase", "content-length");
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

    private Mbox() {
    }

    /**
     * A file is one folder, named {@code folderName} (INBOX whatever the case of "inbox"); a directory holds a folder
     * per file, named by its path below the directory.
     */
    public static List<FolderSource> folders(Path path, String folderName) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(new Folder(folderNameOf(List.of(folderName)), path));
        }
        if (!Files.isDirectory(path)) {
            throw new IOException(path + " is neither an mbox file nor a folder of them");
        }
        List<FolderSource> folders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                Path relative = path.relativize(file);
                boolean hidden = false;
                List<String> name = new ArrayList<>();
                for (Path part : relative) {
                    hidden |= part.toString().startsWith(".");
                    name.add(part.toString());
                }
                if (!hidden && startsLikeMbox(file)) {
                    folders.add(new Folder(folderNameOf(name), file));
                }
            }
        }
        return folders;
    }

    private static List<String> folderNameOf(List<String> name) {
        if (name.size() == 1 && name.get(0).equalsIgnoreCase("INBOX")) {
            return List.of("INBOX");
        }
        return name;
    }

    private static boolean startsLikeMbox(Path file) throws IOException {
        try (InputStream input = Files.newInputStream(file)) {
            byte[] start = input.readNBytes(5);
            return start.length == 0 || new String(start, StandardCharsets.ISO_8859_1).equals("From ");
        }
    }

    private static final class Folder implements FolderSource {
        private final List<String> name;
        private final Path file;

        Folder(List<String> name, Path file) {
            this.name = name;
            this.file = file;
        }

        @Override
        public List<String> name() {
            return name;
        }

        @Override
        public String location() {
            return file.toString();
        }

        @Override
        public void read(Reader reader) throws IOException, MailboxException {
            try (InputStream input = new BufferedInputStream(Files.newInputStream(file))) {
                new MessageSplitter(reader).split(input);
            }
        }
    }

    /** Cuts the file at its {@code From } lines and hands on each message with what its headers say. */
    static final class MessageSplitter {
        private final FolderSource.Reader reader;
        private boolean first = true;

        MessageSplitter(FolderSource.Reader reader) {
            this.reader = reader;
        }

        void split(InputStream input) throws IOException, MailboxException {
            ByteArrayOutputStream message = null;
            Optional<Date> date = Optional.empty();
            byte[] line;
            while ((line = readLine(input)) != null) {
                if (startsWith(line, 0, "From ")) {
                    if (message != null) {
                        finish(message.toByteArray(), date);
                    }
                    message = new ByteArrayOutputStream();
                    date = fromLineDate(line);
                } else if (message != null) {
                    int from = 0;
                    while (from < line.length && line[from] == '>') {
                        from++;
                    }
                    int unescape = from > 0 && startsWith(line, from, "From ") ? 1 : 0;
                    message.write(line, unescape, line.length - unescape);
                }
            }
            if (message != null) {
                finish(message.toByteArray(), date);
            }
        }

        private void finish(byte[] raw, Optional<Date> date) throws MailboxException {
            byte[] content = withoutSeparatorLine(raw);
            ServerHeaders headers = ServerHeaders.split(content);
            boolean firstMessage = first;
            first = false;
            if (firstMessage && headers.uidBase.isPresent()) {
                reader.uids(headers.uidBase.get()[0], headers.uidBase.get()[1]);
            }
            if (headers.pseudoMessage) {
                return;
            }
            reader.message(new ImportedMessage(CrlfLines.of(headers.message), headers.flags, date, headers.uid));
        }

        /** The empty line before the next {@code From } line belongs to the file, not the message. */
        private static byte[] withoutSeparatorLine(byte[] raw) {
            int end = raw.length;
            if (end >= 2 && raw[end - 1] == '\n' && raw[end - 2] == '\n') {
                end--;
            } else if (end >= 4 && raw[end - 1] == '\n' && raw[end - 2] == '\r' && raw[end - 3] == '\n') {
                end -= 2;
            }
            return Arrays.copyOf(raw, end);
        }

        private static Optional<Date> fromLineDate(byte[] line) {
            String text = new String(line, StandardCharsets.ISO_8859_1).trim().replaceAll("\\s+", " ");
            String[] words = text.split(" ");
            if (words.length < 7) {
                return Optional.empty();
            }
            String asctime = String.join(" ", Arrays.copyOfRange(words, words.length - 5, words.length));
            try {
                return Optional.of(Date.from(LocalDateTime.parse(asctime, ASCTIME).toInstant(ZoneOffset.UTC)));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    /** The headers the mail server wrote into a message, taken out of it. */
    static final class ServerHeaders {
        final byte[] message;
        final Flags flags;
        final OptionalLong uid;
        final Optional<long[]> uidBase;
        final boolean pseudoMessage;

        private ServerHeaders(byte[] message, Flags flags, OptionalLong uid, Optional<long[]> uidBase, boolean pseudoMessage) {
            this.message = message;
            this.flags = flags;
            this.uid = uid;
            this.uidBase = uidBase;
            this.pseudoMessage = pseudoMessage;
        }

        static ServerHeaders split(byte[] content) {
            ByteArrayOutputStream kept = new ByteArrayOutputStream(content.length);
            Flags flags = new Flags();
            OptionalLong uid = OptionalLong.empty();
            Optional<long[]> uidBase = Optional.empty();
            boolean pseudo = false;
            int position = 0;
            boolean dropping = false;
            while (position < content.length) {
                int end = lineEnd(content, position);
                String line = new String(content, position, end - position, StandardCharsets.ISO_8859_1).stripTrailing();
                if (line.isEmpty()) {
                    break;
                }
                boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
                if (!continuation) {
                    int colon = line.indexOf(':');
                    String field = colon > 0 ? line.substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
                    String value = colon > 0 ? line.substring(colon + 1).trim() : "";
                    dropping = SERVER_HEADERS.contains(field);
                    switch (field) {
                        case "status":
                            if (value.indexOf('R') >= 0) {
                                flags.add(Flags.Flag.SEEN);
                            }
                            break;
                        case "x-status":
                            addXStatus(flags, value);
                            break;
                        case "x-keywords":
                            for (String keyword : value.split("[\\s,]+")) {
                                if (!keyword.isEmpty()) {
                                    flags.add(keyword);
                                }
                            }
                            break;
                        case "x-uid":
                            uid = positive(value.split("\\s+")[0]);
                            break;
                        case "x-imap":
                            pseudo = true;
                            uidBase = uidBase(value);
                            break;
                        case "x-imapbase":
                            uidBase = uidBase(value);
                            break;
                        default:
                            break;
                    }
                }
                if (!dropping) {
                    kept.write(content, position, end - position);
                }
                position = end;
            }
            kept.write(content, position, content.length - position);
            return new ServerHeaders(kept.toByteArray(), flags, uid, uidBase, pseudo);
        }

        private static void addXStatus(Flags flags, String value) {
            for (char letter : value.toCharArray()) {
                switch (letter) {
                    case 'A':
                        flags.add(Flags.Flag.ANSWERED);
                        break;
                    case 'F':
                        flags.add(Flags.Flag.FLAGGED);
                        break;
                    case 'T':
                        flags.add(Flags.Flag.DRAFT);
                        break;
                    case 'D':
                        flags.add(Flags.Flag.DELETED);
                        break;
                    default:
                        break;
                }
            }
        }

        private static Optional<long[]> uidBase(String value) {
            String[] words = value.split("\\s+");
            if (words.length < 2) {
                return Optional.empty();
            }
            OptionalLong validity = positive(words[0]);
            OptionalLong next = positive(words[1]);
            return validity.isPresent() && next.isPresent()
                ? Optional.of(new long[] {validity.getAsLong(), next.getAsLong()})
                : Optional.empty();
        }

        private static OptionalLong positive(String number) {
            try {
                long value = Long.parseLong(number);
                return value > 0 ? OptionalLong.of(value) : OptionalLong.empty();
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }

        private static int lineEnd(byte[] content, int from) {
            for (int i = from; i < content.length; i++) {
                if (content[i] == '\n') {
                    return i + 1;
                }
            }
            return content.length;
        }
    }

    private static boolean startsWith(byte[] line, int offset, String prefix) {
        if (line.length - offset < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[offset + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The next line with its line ending, or null at the end. */
    private static byte[] readLine(InputStream input) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = input.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.size() == 0 && b == -1 ? null : line.toByteArray();
    }
}
