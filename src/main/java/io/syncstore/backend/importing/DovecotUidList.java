package io.syncstore.backend.importing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code dovecot-uidlist}: a header with the folder's UIDVALIDITY and next UID, then one line per message with its UID
 * and the base of its file name. Version 3 (Dovecot 1.0 and later): {@code 3 V<validity> N<next> ...} and
 * {@code <uid> [fields] :<name>}; version 1: {@code 1 <validity> <next>} and {@code <uid> <name>}.
 */
final class DovecotUidList {
    static final String FILE_NAME = "dovecot-uidlist";

    final long uidValidity;
    final long uidNext;
    private final Map<String, Long> uidsByBaseName;

    private DovecotUidList(long uidValidity, long uidNext, Map<String, Long> uidsByBaseName) {
        this.uidValidity = uidValidity;
        this.uidNext = uidNext;
        this.uidsByBaseName = uidsByBaseName;
    }

    static Optional<DovecotUidList> read(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? parse(Files.readAllLines(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /** Empty when the header is not one of a version this reads. */
    static Optional<DovecotUidList> parse(List<String> lines) {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String[] header = lines.get(0).trim().split("\\s+");
        long validity;
        long next;
        boolean version3;
        if (header[0].equals("3")) {
            version3 = true;
            validity = headerField(header, 'V');
            next = headerField(header, 'N');
        } else if (header[0].equals("1") && header.length >= 3) {
            version3 = false;
            validity = parseOrZero(header[1]);
            next = parseOrZero(header[2]);
        } else {
            return Optional.empty();
        }
        if (validity <= 0) {
            return Optional.empty();
        }
        Map<String, Long> uids = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            record(line, version3).ifPresent(entry -> uids.put(entry.getKey(), entry.getValue()));
        }
        return Optional.of(new DovecotUidList(validity, next, uids));
    }

    OptionalLong uidOf(String fileName) {
        Long uid = uidsByBaseName.get(MaildirFlags.baseName(fileName));
        return uid == null ? OptionalLong.empty() : OptionalLong.of(uid);
    }

    private static Optional<Map.Entry<String, Long>> record(String line, boolean version3) {
        int space = line.indexOf(' ');
        if (space <= 0) {
            return Optional.empty();
        }
        long uid = parseOrZero(line.substring(0, space));
        String name;
        if (version3) {
            int colon = line.indexOf(" :", space - 1);
            name = colon < 0 ? null : line.substring(colon + 2);
        } else {
            name = line.substring(space + 1).trim();
        }
        if (uid <= 0 || name == null || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(MaildirFlags.baseName(name), uid));
    }

    private static long headerField(String[] header, char key) {
        for (String field : header) {
            if (field.length() > 1 && field.charAt(0) == key) {
                return parseOrZero(field.substring(1));
            }
        }
        return 0;
    }

    private static long parseOrZero(String number) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
