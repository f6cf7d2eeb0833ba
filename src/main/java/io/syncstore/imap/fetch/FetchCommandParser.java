package io.syncstore.imap.fetch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.BodyFetchElement;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.FetchData.Item;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.SectionType;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.message.request.FetchRequest;

import com.google.common.base.CharMatcher;

/**
 * FETCH and UID FETCH (RFC 3501 §6.4.5, RFC 9051 §6.4.5) with BINARY, BINARY.PEEK, BINARY.SIZE (RFC 3516) and
 * PREVIEW (RFC 8970), and the CHANGEDSINCE and VANISHED modifiers (RFC 7162). It extends James's parser only so that
 * James's UID command accepts it as the parser of UID FETCH; the parsing is all here.
 */
public class FetchCommandParser extends org.apache.james.imap.decode.parser.FetchCommandParser {
    private static final CharMatcher NAME_END = CharMatcher.anyOf(" [()\r\n");
    private static final CharMatcher SECTION_END = CharMatcher.is(']');
    private static final CharMatcher PARTIAL_END = CharMatcher.is('>');

    @Inject
    public FetchCommandParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    protected FetchRequest decode(ImapRequestLineReader request, Tag tag, boolean useUids, ImapSession session)
            throws DecodingException {
        IdRange[] ids = request.parseIdRange(session);
        Items items = new Items(useUids);
        request.nextWordChar();
        if (request.nextChar() == '(') {
            request.consumeChar('(');
            while (request.nextNonSpaceChar() != ')') {
                item(request, items);
            }
            request.consumeChar(')');
            if (request.nextNonSpaceChar() == '(') {
                modifiers(request, items);
            }
        } else {
            item(request, items);
        }
        request.eol();
        FetchData fetch = items.fetch.build();
        if (fetch.getVanished() && !useUids) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "VANISHED only allowed in UID FETCH");
        }
        if (items.binary.isEmpty() && !items.preview) {
            return new FetchRequest(useUids, ids, fetch, tag);
        }
        return new ExtendedFetchRequest(useUids, ids, fetch, tag, items.binary, items.binarySetsSeen, items.preview);
    }

    private static final class Items {
        private final FetchData.Builder fetch = FetchData.builder();
        private final List<BinarySection> binary = new ArrayList<>();
        private boolean binarySetsSeen;
        private boolean preview;

        Items(boolean useUids) {
            if (useUids) {
                fetch.fetch(Item.UID);
            }
        }
    }

    private void item(ImapRequestLineReader request, Items items) throws DecodingException {
        String name = request.readUntil(NAME_END).toUpperCase(Locale.US);
        if (request.nextChar() == '[') {
            request.consumeChar('[');
            String section = request.readUntil(SECTION_END).trim();
            request.consumeChar(']');
            section(name, section, partial(request), items);
            return;
        }
        switch (name) {
            case "ALL":
                items.fetch.fetch(Item.FLAGS, Item.INTERNAL_DATE, Item.SIZE, Item.ENVELOPE);
                return;
            case "FAST":
                items.fetch.fetch(Item.FLAGS, Item.INTERNAL_DATE, Item.SIZE);
                return;
            case "FULL":
                items.fetch.fetch(Item.FLAGS, Item.INTERNAL_DATE, Item.SIZE, Item.ENVELOPE, Item.BODY);
                return;
            case "FLAGS":
                items.fetch.fetch(Item.FLAGS);
                return;
            case "UID":
                items.fetch.fetch(Item.UID);
                return;
            case "INTERNALDATE":
                items.fetch.fetch(Item.INTERNAL_DATE);
                return;
            case "RFC822.SIZE":
                items.fetch.fetch(Item.SIZE);
                return;
            case "ENVELOPE":
                items.fetch.fetch(Item.ENVELOPE);
                return;
            case "BODY":
                items.fetch.fetch(Item.BODY);
                return;
            case "BODYSTRUCTURE":
                items.fetch.fetch(Item.BODY_STRUCTURE);
                return;
            case "MODSEQ":
                items.fetch.fetch(Item.MODSEQ);
                return;
            case "EMAILID":
                items.fetch.fetch(Item.EMAILID);
                return;
            case "THREADID":
                items.fetch.fetch(Item.THREADID);
                return;
            case "SAVEDATE":
                items.fetch.fetch(Item.SAVEDATE);
                return;
            case "RFC822":
                items.fetch.add(BodyFetchElement.createRFC822(), false);
                return;
            case "RFC822.HEADER":
                items.fetch.add(BodyFetchElement.createRFC822Header(), true);
                return;
            case "RFC822.TEXT":
                items.fetch.add(BodyFetchElement.createRFC822Text(), false);
                return;
            case "PREVIEW":
                items.preview = true;
                previewModifiers(request);
                return;
            default:
                throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Invalid fetch attribute: " + name);
        }
    }

    /** {@code (CHANGEDSINCE modseq VANISHED)}, in either order (RFC 7162 §3.1.4, §3.2.6). */
    private static void modifiers(ImapRequestLineReader request, Items items) throws DecodingException {
        request.consumeChar('(');
        while (request.nextNonSpaceChar() != ')') {
            String modifier = request.readUntil(NAME_END).toUpperCase(Locale.US);
            switch (modifier) {
                case "CHANGEDSINCE":
                    items.fetch.changedSince(request.number(true));
                    break;
                case "VANISHED":
                    items.fetch.vanished(true);
                    break;
                default:
                    throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Unknown FETCH modifier: " + modifier);
            }
        }
        request.consumeChar(')');
    }

    /** {@code PREVIEW (LAZY)}: the preview is computed at once anyway, which RFC 8970 §3.2 allows. */
    private static void previewModifiers(ImapRequestLineReader request) throws DecodingException {
        if (request.nextChar() != ' ') {
            return;
        }
        request.consume();
        if (request.nextChar() != '(') {
            return;
        }
        request.consumeChar('(');
        String modifiers = request.readUntil(CharMatcher.is(')')).trim();
        request.consumeChar(')');
        if (!modifiers.equalsIgnoreCase("LAZY")) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Unknown PREVIEW modifier: " + modifiers);
        }
    }

    private static Optional<Partial> partial(ImapRequestLineReader request) throws DecodingException {
        if (request.nextChar() != '<') {
            return Optional.empty();
        }
        request.consumeChar('<');
        String text = request.readUntil(PARTIAL_END);
        request.consumeChar('>');
        String[] numbers = text.split("\\.", -1);
        if (numbers.length > 2) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Invalid partial: " + text);
        }
        Long length = numbers.length == 2 ? number(numbers[1]) : null;
        if (length != null && length == 0) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Partial length must not be 0");
        }
        return Optional.of(new Partial(number(numbers[0]), length));
    }

    private static long number(String digits) throws DecodingException {
        if (digits.isEmpty() || !CharMatcher.inRange('0', '9').matchesAllOf(digits) || digits.length() > 10) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Invalid number: " + digits);
        }
        return Long.parseLong(digits);
    }

    private static void section(String name, String section, Optional<Partial> partial, Items items)
            throws DecodingException {
        switch (name) {
            case "BODY":
            case "BODY.PEEK":
                items.fetch.add(bodySection(section, partial), name.equals("BODY.PEEK"));
                return;
            case "BINARY":
            case "BINARY.PEEK":
                items.binary.add(new BinarySection(partNumbers(section), false, partial));
                items.binarySetsSeen |= name.equals("BINARY");
                return;
            case "BINARY.SIZE":
                if (partial.isPresent()) {
                    throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "BINARY.SIZE takes no partial");
                }
                items.binary.add(new BinarySection(partNumbers(section), true, partial));
                return;
            default:
                throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Invalid fetch attribute: " + name);
        }
    }

    private static BodyFetchElement bodySection(String section, Optional<Partial> partial) throws DecodingException {
        SectionSpec spec = SectionSpec.parse(section);
        Long origin = partial.map(p -> p.origin).orElse(null);
        Long length = partial.map(p -> p.length).orElse(null);
        return new BodyFetchElement("BODY[" + spec.responseText() + "]", spec.type,
            spec.path, spec.fieldNames, origin, length);
    }

    private static int[] partNumbers(String section) throws DecodingException {
        SectionSpec spec = SectionSpec.parse(section);
        if (spec.type != SectionType.CONTENT) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "BINARY takes part numbers only");
        }
        return spec.path == null ? new int[0] : spec.path;
    }
}
