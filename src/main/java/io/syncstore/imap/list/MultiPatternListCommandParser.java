package io.syncstore.imap.list;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.commons.lang3.tuple.ImmutablePair;
import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.display.ModifiedUtf7;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.ListCommandParser;
import org.apache.james.imap.message.Literal;
import org.apache.james.imap.message.request.ListRequest;

import io.syncstore.imap.mode.ConnectionMode;
import io.syncstore.imap.mode.Imap4Rev2;
import io.syncstore.imap.mode.Utf8RequestLineReader;

/**
 * LIST with a parenthesised list of patterns (RFC 5258 §3, {@code mbox-or-pat = list-mailbox / patterns}), which
 * James 3.8.1 answers BAD. The command is read once, from the connection's reader, by James's parser: its
 * {@link #listMailbox} reads the pattern or the list of patterns (quoted, literal or list-chars) and notes them for
 * this decoding; the requests, one per pattern, are answered together by {@link MultiPatternListProcessor}. A single
 * pattern gives James's own request. A reference or pattern that is not modified UTF-7 (RFC 3501 §5.1.3) matches no
 * mailbox: it is answered OK with nothing listed, as Dovecot answers it (a MultiPatternListRequest of no pattern).
 */
public class MultiPatternListCommandParser extends ListCommandParser {
    /** A mailbox pattern longer than this is no pattern: refused before its octets are held in memory as text. */
    private static final int LONGEST_PATTERN_LITERAL = 65_536;
    private static final ImapRequestLineReader.CharacterValidator LIST_CHAR =
        c -> ImapRequestLineReader.isListWildcard(c) || ImapRequestLineReader.AtomCharValidator.INSTANCE.isValid(c);

    /** The patterns of the command this thread decodes: James's decoding reads them through listMailbox. */
    private final ThreadLocal<List<String>> patternsRead = new ThreadLocal<>();

    @Inject
    public MultiPatternListCommandParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, boolean useUids, ImapSession session) throws DecodingException {
        ImapRequestLineReader reader = ModifiedUtf7CheckingReader.of(request, session);
        List<String> patterns = new ArrayList<>();
        ImapMessage message;
        patternsRead.set(patterns);
        try {
            message = super.decode(reader, tag, useUids, session);
        } finally {
            patternsRead.remove();
        }
        if (!(message instanceof ListRequest)) {
            return message;
        }
        ListRequest read = (ListRequest) message;
        List<ListRequest> requests = new ArrayList<>();
        for (String pattern : ModifiedUtf7CheckingReader.readInvalidName(reader) ? List.<String>of() : patterns) {
            ListRequest one = checked(withPattern(read, pattern), session);
            if (ModifiedUtf7Names.valid(one.getMailboxPattern())) {
                requests.add(one);
            }
        }
        return patterns.size() == 1 && requests.size() == 1 ? requests.get(0)
            : new MultiPatternListRequest(tag, ImapConstants.LIST_COMMAND, requests);
    }

    /** {@code list-mailbox} or {@code "(" list-mailbox *(SP list-mailbox) ")"}; the first pattern goes to James's decoding. */
    @Override
    public String listMailbox(ImapRequestLineReader request) throws DecodingException {
        List<String> patterns = patternsRead.get();
        if (request.nextWordChar() != '(') {
            patterns.add(request.nextWordChar() == '{' ? literal(request) : super.listMailbox(request));
            return patterns.get(0);
        }
        request.consume();
        for (char next = request.nextWordChar(); next != ')'; next = request.nextWordChar()) {
            patterns.add(next == '{' ? literal(request) : next == '"' ? request.consumeQuoted() : listedAtom(request));
        }
        request.consume();
        if (patterns.isEmpty()) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Empty pattern list");
        }
        return patterns.get(0);
    }

    /** A pattern of list-chars inside a pattern list: up to a space or the closing parenthesis. */
    private static String listedAtom(ImapRequestLineReader request) throws DecodingException {
        StringBuilder atom = new StringBuilder();
        for (char next = request.nextChar(); next != ' ' && next != ')'; next = request.nextChar()) {
            if (!LIST_CHAR.isValid(next)) {
                throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Bad pattern in a pattern list");
            }
            atom.append(next);
            request.consume();
        }
        return atom.toString();
    }

    private static String literal(ImapRequestLineReader request) throws DecodingException {
        // a modified UTF-7 connection's literal is taken as its quoted strings are (ModifiedUtf7CheckingReader)
        Charset charset = request instanceof Utf8RequestLineReader ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        try {
            ImmutablePair<Integer, Literal> literal = request.consumeLiteral(false);
            // a framer may spool a literal to a file, which closing deletes
            try (Closeable spooled = literal.right instanceof Closeable ? (Closeable) literal.right : () -> { }) {
                if (literal.left > LONGEST_PATTERN_LITERAL) {
                    throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Mailbox pattern literal too long");
                }
                try (InputStream in = literal.right.getInputStream()) {
                    String pattern = charset.newDecoder().decode(ByteBuffer.wrap(in.readNBytes(literal.left))).toString();
                    return charset == StandardCharsets.UTF_8 ? pattern : ModifiedUtf7CheckingReader.eightBitAsModifiedUtf7(pattern);
                }
            }
        } catch (CharacterCodingException e) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Mailbox pattern not in " + charset, e);
        } catch (IOException e) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Literal not read", e);
        }
    }

    private static ListRequest withPattern(ListRequest read, String pattern) {
        return new ListRequest(read.getCommand(), read.getBaseReferenceName(), pattern, read.getTag(),
            read.getSelectOptions(), read.getReturnOptions(), read.getStatusDataItems());
    }

    /**
     * RFC 5258 §3.1: RECURSIVEMATCH modifies another selection option and is BAD alone or with REMOTE only (which
     * James 3.8.1 answers OK, with nothing). REMOTE adds remote mailboxes to the local ones; there are none here, so
     * it is dropped (James 3.8.1 answers nothing at all to a LIST with REMOTE).
     */
    private static ListRequest checked(ListRequest request, ImapSession session) throws DecodingException {
        // each pattern of a multi-pattern LIST reaches James's processor without passing the processor chain's check
        Optional<HumanReadableText> refusal = Imap4Rev2.refusal(request, session);
        if (refusal.isPresent()) {
            throw new DecodingException(refusal.get(), "STATUS RECENT is not in IMAP4rev2");
        }
        EnumSet<ListRequest.ListSelectOption> options = request.getSelectOptions();
        if (options.contains(ListRequest.ListSelectOption.RECURSIVEMATCH)
            && !options.contains(ListRequest.ListSelectOption.SUBSCRIBED)
            && !options.contains(ListRequest.ListSelectOption.SPECIAL_USE)) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS,
                "RECURSIVEMATCH needs a selection option it modifies (SUBSCRIBED or SPECIAL-USE)");
        }
        boolean utf8 = ConnectionMode.utf8(session);
        EnumSet<ListRequest.ListSelectOption> local = EnumSet.copyOf(options);
        local.remove(ListRequest.ListSelectOption.REMOTE);
        // James's LIST processor decodes the reference from modified UTF-7 although James's parser decoded it already
        // (a reference holding "&-" failed): it is handed over encoded again, and so is a UTF-8 client's pattern
        String reference = ModifiedUtf7.encodeModifiedUTF7(request.getBaseReferenceName());
        String pattern = utf8 ? ModifiedUtf7.encodeModifiedUTF7(request.getMailboxPattern()) : request.getMailboxPattern();
        return new ListRequest(request.getCommand(), reference, pattern, request.getTag(), local,
            request.getReturnOptions(), request.getStatusDataItems());
    }
}
