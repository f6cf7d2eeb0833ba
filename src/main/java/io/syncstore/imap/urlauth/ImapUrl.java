package io.syncstore.imap.urlauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.core.Username;

import com.google.common.io.BaseEncoding;

/**
 * A message or a part of one named by an IMAP URL (RFC 5092 §7, {@code ;PARTIAL} of RFC 5550): relative to this
 * server and its user ({@code /mailbox[;UIDVALIDITY=v]/;UID=u[/;SECTION=s][/;PARTIAL=o[.l]]}), or absolute and
 * authorized by its owner (RFC 4467: {@code imap://owner@host/…[;EXPIRE=t];URLAUTH=access[:mechanism:token]}, the
 * part up to the access being the rump that the token signs). An absolute URL without URLAUTH is not taken: another
 * server's or user's messages are not this user's to read.
 */
final class ImapUrl {
    private static final String PATH = "/(?<mailbox>[^;?#]+?)(?:;UIDVALIDITY=(?<uidValidity>[1-9][0-9]{0,9}))?"
        + "/;UID=(?<uid>[1-9][0-9]{0,9})"
        + "(?:/;SECTION=(?<section>[^;/?#]+))?"
        + "(?:/?;PARTIAL=(?<origin>[0-9]{1,10})(?:\\.(?<length>[1-9][0-9]{0,9}))?)?";
    private static final Pattern RELATIVE = Pattern.compile(PATH, Pattern.CASE_INSENSITIVE);
    private static final Pattern AUTHORIZED = Pattern.compile(
        "imap://(?<owner>[^@/;:]+)(?:;AUTH=[^@/]+)?@[^/]+" + PATH
            + "(?:;EXPIRE=(?<expire>[^;]+))?;URLAUTH=(?<access>anonymous|authuser|(?:submit|user)\\+[^:;/?#]+)"
            + "(?::(?<mechanism>[A-Za-z0-9.-]+):(?<token>[0-9A-Fa-f]{32,}))?",
        Pattern.CASE_INSENSITIVE);
    private static final BaseEncoding HEX = BaseEncoding.base16();

    final String text;
    /** The user whose mailbox an authorized URL names; empty for a relative URL (the connection's user). */
    final Optional<Username> owner;
    final String mailbox;
    final OptionalLong uidValidity;
    final long uid;
    final String section;
    /** Where a {@code ;PARTIAL} range starts, and its length (null: to the end); none without a range. */
    final OptionalLong partialOrigin;
    final Long partialLength;
    final Optional<Instant> expire;
    /** RFC 4467's access identifier ({@code authuser}, {@code user+name} …), null for a relative URL. */
    private final String access;
    /** The URL up to and including the access identifier: what the token signs. */
    final String rump;
    final Optional<String> mechanism;
    final byte[] token;

    private ImapUrl(String text, Matcher matcher, boolean authorized) {
        this.text = text;
        this.owner = authorized ? Optional.of(Username.of(decode(matcher.group("owner")))) : Optional.empty();
        this.mailbox = decode(matcher.group("mailbox"));
        this.uidValidity = number(matcher.group("uidValidity"));
        this.uid = Long.parseLong(matcher.group("uid"));
        this.section = matcher.group("section") == null ? "" : decode(matcher.group("section")).toUpperCase(Locale.US);
        this.partialOrigin = number(matcher.group("origin"));
        this.partialLength = matcher.group("length") == null ? null : Long.parseLong(matcher.group("length"));
        this.expire = authorized && matcher.group("expire") != null
            ? Optional.of(OffsetDateTime.parse(matcher.group("expire").toUpperCase(Locale.US)).toInstant())
            : Optional.empty();
        this.access = authorized ? matcher.group("access") : null;
        this.rump = authorized ? text.substring(0, matcher.end("access")) : text;
        this.mechanism = Optional.ofNullable(authorized ? matcher.group("mechanism") : null);
        this.token = mechanism.isPresent() ? HEX.decode(matcher.group("token").toUpperCase(Locale.US)) : new byte[0];
    }

    /** A relative URL, or an absolute one with its URLAUTH complete (mechanism and token). */
    static ImapUrl parse(String text) throws BadUrlException {
        Matcher relative = RELATIVE.matcher(text);
        if (relative.matches()) {
            return parsed(text, relative, false);
        }
        ImapUrl url = authorized(text);
        if (url.mechanism.isEmpty()) {
            throw new BadUrlException(text);
        }
        return url;
    }

    /** An absolute URL ending with {@code ;URLAUTH=access}, to be signed (GENURLAUTH's url-rump). */
    static ImapUrl parseRump(String text) throws BadUrlException {
        ImapUrl url = authorized(text);
        if (url.mechanism.isPresent()) {
            throw new BadUrlException(text);
        }
        return url;
    }

    private static ImapUrl authorized(String text) throws BadUrlException {
        Matcher matcher = AUTHORIZED.matcher(text);
        if (!matcher.matches()) {
            throw new BadUrlException(text);
        }
        return parsed(text, matcher, true);
    }

    private static ImapUrl parsed(String text, Matcher matcher, boolean authorized) throws BadUrlException {
        try {
            return new ImapUrl(text, matcher, authorized);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new BadUrlException(text);
        }
    }

    boolean isAuthorized() {
        return owner.isPresent();
    }

    /**
     * Whether the access identifier lets this user use the URL (RFC 4467 §4.1): {@code user+name} and {@code
     * submit+name} that user alone (a submission server acts for the user by logging in with the user's identity as
     * its authorization identity), {@code authuser} and {@code anonymous} any user of this server.
     */
    boolean grants(Username user) {
        String identifier = access.toLowerCase(Locale.US);
        if (identifier.equals("authuser") || identifier.equals("anonymous")) {
            return true;
        }
        return Username.of(decode(access.substring(access.indexOf('+') + 1))).equals(user);
    }

    boolean expiredAt(Instant now) {
        return expire.map(now::isAfter).orElse(false);
    }

    private static OptionalLong number(String digits) {
        return digits == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(digits));
    }

    /** Percent-decoded as UTF-8 (RFC 5092 §3.2); '+' is an octet of the name, not a space. */
    private static String decode(String encoded) {
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
