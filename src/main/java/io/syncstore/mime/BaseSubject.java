package io.syncstore.mime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * The base subject of RFC 5256 §2.1: reply and forward markers ({@code Re:}, {@code Fwd:}, {@code Fw:}, with or
 * without a {@code [blob]}), leading {@code [blob]}s, trailing {@code (fwd)} and {@code [fwd: ...]} wrappers removed,
 * whitespace collapsed, letters upper-cased; and whether any reply or forward marker was removed (THREAD=REFERENCES
 * step 6 prefers a thread's original message to its replies).
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

    private final String text;
    private boolean replyOrForward;

    private BaseSubject(String decodedSubject) {
        String subject = WHITESPACE.matcher(decodedSubject).replaceAll(" ");
        while (true) {
            subject = removeTrailers(subject);
            subject = removeLeaders(subject);
            Matcher wrapper = FWD_WRAPPER.matcher(subject);
            if (!wrapper.matches()) {
                break;
            }
            replyOrForward = true;
            subject = wrapper.group(1);
        }
        this.text = upperCaseAscii(subject);
    }

    /** The base subject of a Subject header's value, decoded from its encoded words first. */
    static BaseSubject ofHeader(String value) {
        return new BaseSubject(DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT));
    }

    /** Compared with the i;ascii-casemap collation (RFC 5256 §2.1) by comparing these texts. */
    String text() {
        return text;
    }

    /** Whether a {@code Re:}, {@code Fwd:}, {@code (fwd)} or {@code [fwd: ...]} was removed. */
    boolean replyOrForward() {
        return replyOrForward;
    }

    private String removeTrailers(String subject) {
        Matcher trailer = TRAILER.matcher(subject);
        while (trailer.find()) {
            replyOrForward |= trailer.group().length() > 1;
            subject = subject.substring(0, trailer.start());
            trailer = TRAILER.matcher(subject);
        }
        return subject;
    }

    /** Steps 3 to 5: leaders and leading blobs, a blob only when something remains after it. */
    private String removeLeaders(String subject) {
        boolean removed = true;
        while (removed) {
            removed = false;
            Matcher leader = LEADER.matcher(subject);
            while (leader.find()) {
                replyOrForward |= leader.group().length() > 1;
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
