package io.syncstore.imap.search;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The base subject of RFC 5256 §2.1, from a subject already decoded from its encoded words: reply and forward
 * markers ({@code Re:}, {@code Fwd:}, {@code Fw:}, with or without a {@code [blob]}), leading {@code [blob]}s,
 * trailing {@code (fwd)} and {@code [fwd: ...]} wrappers removed, whitespace collapsed, letters upper-cased.
 */
final class BaseSubject {
    private static final Pattern WHITESPACE = Pattern.compile("[ \\t\\r\\n]+");
    /** subj-trailer, step 2. */
    private static final Pattern TRAILER = Pattern.compile("(?:\\(fwd\\)| )$", Pattern.CASE_INSENSITIVE);
    /** subj-blob. */
    private static final String BLOB = "\\[[^\\[\\]]*\\] *";
    /** subj-leader, step 3: *subj-blob subj-refwd, or a space. */
    private static final Pattern LEADER = Pattern.compile(
        "^(?:(?:" + BLOB + ")*(?:re|fwd?) *(?:" + BLOB + ")?:| )", Pattern.CASE_INSENSITIVE);
    private static final Pattern LEADING_BLOB = Pattern.compile("^" + BLOB);
    private static final Pattern FWD_WRAPPER = Pattern.compile("^\\[fwd:(.*)\\]$", Pattern.CASE_INSENSITIVE);

    private BaseSubject() {
    }

    static String of(String decodedSubject) {
        String subject = WHITESPACE.matcher(decodedSubject).replaceAll(" ");
        while (true) {
            subject = removeTrailers(subject);
            subject = removeLeaders(subject);
            Matcher wrapper = FWD_WRAPPER.matcher(subject);
            if (!wrapper.matches()) {
                return upperCaseAscii(subject);
            }
            subject = wrapper.group(1);
        }
    }

    private static String removeTrailers(String subject) {
        Matcher trailer = TRAILER.matcher(subject);
        while (trailer.find()) {
            subject = subject.substring(0, trailer.start());
            trailer = TRAILER.matcher(subject);
        }
        return subject;
    }

    /** Steps 3 to 5: leaders and leading blobs, a blob only when something remains after it. */
    private static String removeLeaders(String subject) {
        boolean removed = true;
        while (removed) {
            removed = false;
            Matcher leader = LEADER.matcher(subject);
            while (leader.find()) {
                subject = subject.substring(leader.end());
                leader = LEADER.matcher(subject);
                removed = true;
            }
            Matcher blob = LEADING_BLOB.matcher(subject);
            if (blob.find() && blob.end() < subject.length()) {
                subject = subject.substring(blob.end());
                removed = true;
            }
        }
        return subject;
    }

    /** The i;ascii-casemap collation folds ASCII letters only (RFC 4790 §9.2). */
    static String upperCaseAscii(String value) {
        StringBuilder folded = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            folded.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
        }
        return folded.toString();
    }
}
