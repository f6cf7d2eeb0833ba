package io.syncstore.imap.append;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message or a part of one, named by an IMAP URL relative to this server and its user (RFC 5092 §7: {@code
 * /mailbox[;UIDVALIDITY=v]/;UID=u[/;SECTION=s][/;PARTIAL=o[.l]]}, RFC 5550). Absolute URLs, URLAUTH and EXPIRE are
 * not taken: another server's or user's messages are not this user's to read.
 */
final class ImapUrl {
    private static final Pattern RELATIVE = Pattern.compile(
        "/(?<mailbox>[^;?#]+?)(?:;UIDVALIDITY=(?<uidValidity>[1-9][0-9]{0,9}))?"
            + "/;UID=(?<uid>[1-9][0-9]{0,9})"
            + "(?:/;SECTION=(?<section>[^;/?#]+))?"
            + "(?:/?;PARTIAL=(?<origin>[0-9]{1,10})(?:\\.(?<length>[1-9][0-9]{0,9}))?)?",
        Pattern.CASE_INSENSITIVE);

    final String text;
    final String mailbox;
    final OptionalLong uidValidity;
    final long uid;
    final String section;
    /** Where a {@code ;PARTIAL} range starts, and its length (null: to the end); none without a range. */
    final OptionalLong partialOrigin;
    final Long partialLength;

    private ImapUrl(String text, Matcher matcher) {
        this.text = text;
        this.mailbox = decode(matcher.group("mailbox"));
        this.uidValidity = matcher.group("uidValidity") == null
            ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(matcher.group("uidValidity")));
        this.uid = Long.parseLong(matcher.group("uid"));
        this.section = matcher.group("section") == null ? "" : decode(matcher.group("section")).toUpperCase(Locale.US);
        this.partialOrigin = matcher.group("origin") == null
            ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(matcher.group("origin")));
        this.partialLength = matcher.group("length") == null ? null : Long.parseLong(matcher.group("length"));
    }

    static ImapUrl parse(String text) throws BadUrlException {
        Matcher matcher = RELATIVE.matcher(text);
        if (!matcher.matches()) {
            throw new BadUrlException(text);
        }
        try {
            return new ImapUrl(text, matcher);
        } catch (IllegalArgumentException e) {
            throw new BadUrlException(text);
        }
    }

    /** Percent-decoded as UTF-8 (RFC 5092 §3.2); '+' is an octet of the name, not a space. */
    private static String decode(String encoded) {
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
