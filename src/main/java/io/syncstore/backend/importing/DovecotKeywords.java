package io.syncstore.backend.importing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code dovecot-keywords}: one line per keyword, its index (0 is the letter a) and its name. */
final class DovecotKeywords {
    static final String FILE_NAME = "dovecot-keywords";
    private static final int LETTERS = 26;

    private DovecotKeywords() {
    }

    static Map<Character, String> read(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? parse(Files.readAllLines(file, StandardCharsets.UTF_8)) : Map.of();
    }

    static Map<Character, String> parse(List<String> lines) {
        Map<Character, String> keywords = new HashMap<>();
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+", 2);
            if (fields.length == 2 && fields[0].matches("\\d{1,2}")) {
                int index = Integer.parseInt(fields[0]);
                if (index < LETTERS) {
                    keywords.put((char) ('a' + index), fields[1]);
                }
            }
        }
        return keywords;
    }
}
