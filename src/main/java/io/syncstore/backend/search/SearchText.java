package io.syncstore.backend.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.util.CharsetUtil;

import io.syncstore.mime.DateHeader;
import io.syncstore.mime.StorableText;

/**
 * What the search index keeps of one message: the text SEARCH matches, decoded (RFC 2047 encoded words, transfer
 * encodings, charsets) and case-folded, and the day of its Date: header as written.
 *
 * <p>Header columns hold each field's value unfolded and decoded, one per line, as a client shows it (and as James's
 * search matches it); address columns add each address as "name &lt;local@domain&gt;". The body column keeps the text parts and
 * the preambles and epilogues of multiparts (as James's search does; header fields of encapsulated messages are not
 * body text to it); the content of other parts (attachments) is not text a substring search can find.</p>
 */
public final class SearchText {
    /** Bumped when what is indexed changes: rows of an older format are indexed again at start-up. */
    public static final int FORMAT = 2;
    /**
     * Body text read for the word index per message, in characters: it bounds the memory a message takes while it
     * is indexed ({@link SearchIndexRows#NEW_WORD_LIMIT} bounds the writer's work). A message with more body text is
     * searched by scanning for its text keys instead (see {@link #bodyBeyondIndex()}), read whole at each such key: the
     * limit is above the text of nearly every message (a long thread, an HTML newsletter), as the word index keeps each
     * distinct word once whatever the text's length (SQLite's V33, PostgreSQL's V34, docs/search.md).
     */
    public static final int INDEXED_BODY_LIMIT = 1024 * 1024;
    /**
     * Header lines read for the index per message, in characters: real headers (Received chains, DKIM and ARC
     * signatures) stay well below it; a header with more is searched by scanning for its header and text keys (see
     * {@link #headersBeyondIndex()}), as a long body is.
     */
    static final int INDEXED_HEADER_LIMIT = 64 * 1024;
    private static final Pattern FOLDING = Pattern.compile("\r?\n(?=[ \t])");

    private final StringBuilder headers = new StringBuilder("\n");
    private final StringBuilder body = new StringBuilder();
    private final StringBuilder subject = new StringBuilder();
    private final StringBuilder from = new StringBuilder();
    private final StringBuilder to = new StringBuilder();
    private final StringBuilder cc = new StringBuilder();
    private final StringBuilder bcc = new StringBuilder();
    private Integer sentDay;
    private boolean bodyBeyondIndex;
    private boolean headersBeyondIndex;
    /** Whether the text stops at the limits of the index. */
    private final boolean limited;
    private final int bodyLimit;

    private SearchText(boolean limited, int bodyLimit) {
        this.limited = limited;
        this.bodyLimit = bodyLimit;
    }

    /** Reads a message (header and body) as the index takes it: up to its limits. */
    public static SearchText read(InputStream message) throws IOException {
        return read(message, true, INDEXED_BODY_LIMIT);
    }

    /** Reads a message whole, beyond the limits of the index: to check a message the index does not hold whole. */
    static SearchText readWhole(InputStream message) throws IOException {
        return read(message, false, Integer.MAX_VALUE);
    }

    private static SearchText read(InputStream message, boolean limited, int bodyLimit) throws IOException {
        SearchText text = new SearchText(limited, bodyLimit);
        MimeStreamParser parser = new MimeStreamParser(MimeConfig.PERMISSIVE);
        parser.setContentDecoding(true);
        parser.setContentHandler(text.new Collector());
        try {
            parser.parse(message);
        } catch (MimeException e) {
            // A message mime4j cannot parse to the end is indexed as far as it was read.
        }
        return text;
    }

    /** Folds text the way the index stores it, for a search value. */
    public static String fold(String value) {
        return StorableText.of(value.toLowerCase(Locale.ROOT));
    }

    public String headers() {
        return fold(headers.toString());
    }

    public String body() {
        return fold(body.toString());
    }

    public String subject() {
        return fold(subject.toString());
    }

    public String from() {
        return fold(from.toString());
    }

    public String to() {
        return fold(to.toString());
    }

    public String cc() {
        return fold(cc.toString());
    }

    public String bcc() {
        return fold(bcc.toString());
    }

    /** The text of a column of the index table message_text. */
    String column(String name) {
        switch (name) {
            case "headers":
                return headers();
            case "body":
                return body();
            case "hdr_subject":
                return subject();
            case "hdr_from":
                return from();
            case "hdr_to":
                return to();
            case "hdr_cc":
                return cc();
            case "hdr_bcc":
                return bcc();
            default:
                throw new IllegalArgumentException("No column " + name + " in message_text");
        }
    }

    /** Whether the body text went beyond its limit: the index holds only its beginning. */
    public boolean bodyBeyondIndex() {
        return bodyBeyondIndex;
    }

    /**
     * Whether the header lines went beyond {@link #INDEXED_HEADER_LIMIT}: the index holds the fields before the one that
     * did not fit.
     */
    public boolean headersBeyondIndex() {
        return headersBeyondIndex;
    }

    /** yyyymmdd of the Date: header, time and zone disregarded (RFC 3501 §6.4.4 SENT*). */
    public Optional<Integer> sentDay() {
        return Optional.ofNullable(sentDay);
    }

    private void topLevelField(Field field) {
        String name = field.getName().toLowerCase(Locale.ROOT);
        String raw = unfolded(rawValue(field));
        if (name.equals("date") && sentDay == null) {
            sentDay = writtenDay(raw);
        }
        String decoded = DecoderUtil.decodeEncodedWords(raw, DecodeMonitor.SILENT);
        if (limited && (headersBeyondIndex || headers.length() + name.length() + decoded.length() + 3 > INDEXED_HEADER_LIMIT)) {
            headersBeyondIndex = true;
            return;
        }
        headers.append(name).append(": ").append(decoded).append('\n');
        switch (name) {
            case "subject":
                subject.append(decoded).append('\n');
                break;
            case "from":
                appendAddresses(from, raw, decoded);
                break;
            case "to":
                appendAddresses(to, raw, decoded);
                break;
            case "cc":
                appendAddresses(cc, raw, decoded);
                break;
            case "bcc":
                appendAddresses(bcc, raw, decoded);
                break;
            default:
                break;
        }
    }

    /** The field's value from its bytes, as UTF-8 when they are (RFC 6532), else as Latin-1. */
    private static String rawValue(Field field) {
        if (field.getRaw() == null) {
            return field.getBody();
        }
        byte[] bytes = field.getRaw().toByteArray();
        String line = Utf8.decodeOr(bytes, StandardCharsets.ISO_8859_1);
        int colon = line.indexOf(':');
        return colon < 0 ? field.getBody() : line.substring(colon + 1).trim();
    }

    private static String unfolded(String value) {
        return FOLDING.matcher(value).replaceAll("").replace("\r", "").replace("\n", "");
    }

    /** The value decoded, then each address as "name <local@domain>" with its name decoded. */
    private static void appendAddresses(StringBuilder column, String raw, String decoded) {
        column.append(decoded).append('\n');
        for (Address address : LenientAddressParser.DEFAULT.parseAddressList(raw)) {
            if (address instanceof Mailbox) {
                appendMailbox(column, (Mailbox) address);
            } else if (address instanceof Group) {
                ((Group) address).getMailboxes().forEach(mailbox -> appendMailbox(column, mailbox));
            }
        }
    }

    private static void appendMailbox(StringBuilder column, Mailbox mailbox) {
        if (mailbox.getName() != null) {
            column.append(DecoderUtil.decodeEncodedWords(mailbox.getName(), DecodeMonitor.SILENT)).append(' ');
        }
        column.append('<').append(mailbox.getAddress()).append(">\n");
    }

    private static Integer writtenDay(String value) {
        return DateHeader.writtenDay(value)
            .map(day -> day.getYear() * 10000 + day.getMonthValue() * 100 + day.getDayOfMonth())
            .orElse(null);
    }

    private void text(BodyDescriptor descriptor, InputStream content) throws IOException {
        if (!descriptor.getMimeType().toLowerCase(Locale.ROOT).startsWith("text/")) {
            return;
        }
        byte[] bytes = content.readAllBytes();
        appendBody(new String(bytes, charsetOf(descriptor, bytes)));
    }

    private static Charset charsetOf(BodyDescriptor descriptor, byte[] bytes) {
        Charset declared = Optional.ofNullable(descriptor.getCharset())
            .map(CharsetUtil::lookup)
            .orElse(null);
        if (declared == null || declared.equals(StandardCharsets.US_ASCII)) {
            // Undeclared or ASCII, yet 8-bit: UTF-8 when it decodes as such, Latin-1 otherwise.
            return Utf8.isValid(bytes) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        }
        return declared;
    }

    private void untypedText(InputStream content) throws IOException {
        byte[] bytes = content.readAllBytes();
        appendBody(new String(bytes, Utf8.isValid(bytes) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
    }

    private void appendBody(String text) {
        int room = bodyLimit - body.length();
        if (limited && text.length() + 1 > room) {
            bodyBeyondIndex = true;
            body.append(text, 0, Math.max(0, room));
            return;
        }
        body.append(text).append('\n');
    }

    private final class Collector extends AbstractContentHandler {
        /** Only the first header read is this message's; the parts' and encapsulated messages' follow it. */
        private boolean topLevelHeaderRead;

        @Override
        public void field(Field field) {
            if (!topLevelHeaderRead) {
                topLevelField(field);
            }
        }

        @Override
        public void endHeader() {
            topLevelHeaderRead = true;
        }

        @Override
        public void preamble(InputStream content) throws IOException {
            untypedText(content);
        }

        @Override
        public void epilogue(InputStream content) throws IOException {
            untypedText(content);
        }

        @Override
        public void body(BodyDescriptor descriptor, InputStream content) throws IOException {
            text(descriptor, content);
        }
    }
}
