package io.syncstore.backend.importing;

import java.util.Map;

import javax.mail.Flags;

/**
 * The flags in a Maildir file name after {@code :2,}: the system flags as upper-case letters and, as Dovecot writes
 * them, keywords as the letters a to z that {@code dovecot-keywords} maps to names. Letters without a meaning for
 * Dovecot (P, passed) are ignored as Dovecot ignores them.
 */
final class MaildirFlags {
    private static final String INFO = ":2,";

    private MaildirFlags() {
    }

    /** The name without its info part: the key of the file in {@code dovecot-uidlist}. */
    static String baseName(String fileName) {
        int info = fileName.indexOf(INFO);
        return info < 0 ? fileName : fileName.substring(0, info);
    }

    static Flags of(String fileName, Map<Character, String> keywords) {
        Flags flags = new Flags();
        int info = fileName.indexOf(INFO);
        if (info < 0) {
            return flags;
        }
        for (char letter : fileName.substring(info + INFO.length()).toCharArray()) {
            switch (letter) {
                case 'D':
                    flags.add(Flags.Flag.DRAFT);
                    break;
                case 'F':
                    flags.add(Flags.Flag.FLAGGED);
                    break;
                case 'R':
                    flags.add(Flags.Flag.ANSWERED);
                    break;
                case 'S':
                    flags.add(Flags.Flag.SEEN);
                    break;
                case 'T':
                    flags.add(Flags.Flag.DELETED);
                    break;
                default:
                    String keyword = keywords.get(letter);
                    if (keyword != null) {
                        flags.add(keyword);
                    }
            }
        }
        return flags;
    }
}
