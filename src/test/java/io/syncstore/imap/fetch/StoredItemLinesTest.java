package io.syncstore.imap.fetch;

import static io.syncstore.imap.fetch.EncodedResponses.encoded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import javax.mail.Flags;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.processor.EnableProcessor;
import org.apache.james.mailbox.MessageSequenceNumber;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.Mockito;

import io.syncstore.api.FlagRows;
import io.syncstore.imap.mode.ConnectionMode;
import io.syncstore.imap.mode.ModalResponse;
import io.syncstore.imap.mode.ModalResponseEncoder;
import io.syncstore.mime.Envelopes;
import io.syncstore.mime.FetchItemBytes;
import io.syncstore.mime.FetchItemBytes.Item;
import io.syncstore.mime.FetchItemBytes.Mode;
import io.syncstore.mime.FormerSummaries;
import io.syncstore.mime.MessagePart;
import io.syncstore.mime.MessageSummary;
import io.syncstore.mime.PartStructure;
import io.syncstore.mime.StructureWriter;

/**
 * A FETCH line written from the ENVELOPE, BODY and BODYSTRUCTURE a summary keeps as bytes is byte for byte the line
 * James's encoder writes from the whole message parsed (the FETCH path of a message without such a summary), through
 * the connection's {@link ModalResponseEncoder}, for every combination of those items with FLAGS, UID and MODSEQ, on
 * IMAP4rev1, UTF8=ACCEPT and IMAP4rev2 connections; and so is the line from a summary of the former format once
 * upgraded.
 */
class StoredItemLinesTest {
    private static final Path DIFFERENTIAL_MESSAGES = Path.of("integration-tests/src/test/resources/differential/messages");
    private static final int SEEN_AND_ANSWERED = FlagRows.SEEN | FlagRows.ANSWERED;

    /** Messages the differential suite does not hold: continuations, 8-bit and non-ASCII values, odd structures. */
    private static final List<String> CRAFTED = List.of(
        "",
        "no header at all, no empty line",
        "Subject: only a subject\r\n",
        "From: Ann <ann@example.org>\r\nTo: bob@example.org, Carl <c@x.test>\r\n"
            + "Subject: =?UTF-8?Q?caf=C3=A9?= report\r\nDate: Mon, 7 Feb 1994 21:52:25 -0800\r\nMessage-ID: <1@x>\r\n\r\nHi\r\n",
        "From: Jörg Müller <joerg@exämple.de>\r\nTo: 日本語 <nihon@example.jp>, \"Zoë \\\"Z\\\" Ünal\" <z@x.tr>\r\n"
            + "Subject: Grüße 😀 aus \"Köln\" \\ und\r\n  gefaltet\r\nCc: Team: a@x.org, \"B\" <b@x.org>;, c@x.org\r\n"
            + "Content-Type: text/plain; charset=utf-8; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\n\r\nKöln\r\n",
        "From: <@route1,@route2:user@host>\r\nTo: foo\r\nCc: @x.org\r\nBcc: Empty group:;\r\nSender: \"\" <s@x>\r\n"
            + "Reply-To: (only a comment)\r\nIn-Reply-To:\r\nMessage-ID:   \r\nDate: \r\n\r\nbody\r\n",
        "Subject: continued parameters\r\nContent-Type: multipart/mixed;\r\n boundary=\"=_b\"\r\n\r\n--=_b\r\n"
            + "Content-Type: application/pdf;\r\n\tname*0=\"long \"; name*1=\"name.pdf\"\r\n"
            + "Content-Disposition: attachment; filename*=UTF-8''na%C3%AFve.pdf; size=12;\r\n creation-date=\"x\"\r\n"
            + "Content-Transfer-Encoding: BASE64\r\nContent-ID: <id@x>\r\nContent-Description: a \"quoted\" one\r\n"
            + "Content-Language: en, de\r\nContent-Location: http://x/y\r\nContent-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\r\n\r\n"
            + "JVBERi0xLjQK\r\n--=_b\r\nContent-Type: TEXT/HTML; CHARSET=\"ISO-8859-1\"\r\n\r\n<p>h\u00e9</p>\r\n--=_b\r\n"
            + "Content-Type: message/rfc822\r\n\r\nFrom: inner@x.test\r\nSubject: =?ISO-8859-1?B?Y2Fm6Q==?=\r\n"
            + "Content-Type: multipart/alternative; boundary=yy\r\n\r\n--yy\r\n\r\nplain inner\r\n--yy\r\n"
            + "Content-Type: message/rfc822\r\n\r\nSubject: two deep\r\n\r\ndeep\r\n--yy--\r\n\r\n--=_b--\r\nepilogue\r\n",
        "Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\nSubject: one\r\n\r\nfirst\r\n--d\r\n\r\n"
            + "Subject: two\r\n\r\nsecond\r\n--d--\r\n",
        "Content-Type: multipart/mixed\r\n\r\nno boundary at all\r\n",
        "Content-Type: garbage\r\nContent-Disposition: ; x=y\r\n\r\nbody\n\nwith bare line feeds\n",
        "Subject: global\r\nContent-Type: multipart/mixed; boundary=g\r\n\r\n--g\r\nContent-Type: message/global\r\n\r\n"
            + "From: Ünner <i@x.org>\r\nSubject: in\r\n\r\nbody\r\n--g--\r\n");

    static Stream<Arguments> messages() throws IOException {
        List<Arguments> messages = new ArrayList<>();
        for (int i = 0; i < CRAFTED.size(); i++) {
            messages.add(Arguments.of("crafted " + i, CRAFTED.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        try (Stream<Path> files = Files.list(DIFFERENTIAL_MESSAGES)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
                messages.add(Arguments.of(file.getFileName().toString(), text.getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertThat(messages).hasSizeGreaterThan(40);
        return messages.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void theStoredItemsWriteTheLineJamesWritesFromTheParsedMessage(String name, byte[] message) throws IOException {
        byte[] summary = MessageSummary.of(message);
        assertEveryCombinationWrittenAsJamesDoes(summary, MessagePart.parse(message));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void aSummaryOfTheFormerFormatIsReadAndUpgradedToTheSameBytes(String name, byte[] message) throws IOException {
        byte[] summary = MessageSummary.of(message);
        byte[] former = FormerSummaries.beforeItems(summary);

        assertThat(MessageSummary.itemBytes(former)).isEmpty();
        assertThat(MessageSummary.readsWhole(former)).isTrue();
        assertThat(MessageSummary.read(former).orElseThrow().preview())
            .isEqualTo(MessageSummary.read(summary).orElseThrow().preview());
        assertThat(MessageSummary.upgraded(former)).hasValue(summary);
        assertThat(MessageSummary.upgraded(summary)).isEmpty();
        assertEveryCombinationWrittenAsJamesDoes(MessageSummary.upgraded(former).orElseThrow(),
            MessageSummary.read(former).orElseThrow().structure());
    }

    /**
     * Stored summaries answer with the bytes written when each message was stored, until their format changes. A change
     * of what writes them (ours, or James's FETCH encoder after an upgrade) changes this digest of the crafted messages'
     * summaries: then raise {@code MessageSummary.FORMAT}, so that the summaries already stored are written again.
     */
    @Test
    void theBytesStoredForTheCraftedMessagesAreThoseOfThisFormat() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (String message : CRAFTED) {
            digest.update(MessageSummary.of(message.getBytes(StandardCharsets.UTF_8)));
        }

        assertThat(Base64.getEncoder().encodeToString(digest.digest())).isEqualTo("775A11IzxBBH4PogYRxMSAAI8cHVpcBwKK4SA2hFI1o=");
    }

    /** A BODYSTRUCTURE longer than the lines' buffer (a multipart of 600 described parts): lines around it intact. */
    @Test
    void aLineLongerThanTheBufferIsWrittenWhole() throws IOException {
        StringBuilder message = new StringBuilder("Content-Type: multipart/mixed; boundary=p\r\n\r\n");
        for (int part = 0; part < 600; part++) {
            message.append("--p\r\nContent-Description: part ").append(part).append(" of a long list\r\n\r\nx\r\n");
        }
        byte[] bytes = message.append("--p--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        FetchItemBytes items = MessageSummary.itemBytes(MessageSummary.of(bytes)).orElseThrow();
        assertThat(items.length(Item.BODYSTRUCTURE, Mode.IMAP4REV1)).isGreaterThan(40_000);
        List<ImapResponseMessage> lines = new ArrayList<>();
        MetadataLines written = new MetadataLines(false, true, false, new Item[0], new Item[] {Item.BODYSTRUCTURE},
            Mode.IMAP4REV1, MetadataLinesTest.collectingInto(lines));
        List<ImapResponseMessage> james = new ArrayList<>();
        for (int msn = 1; msn <= 3; msn++) {
            written.add(msn, msn, 1, 0, items);
            james.add(jamesResponse(MessagePart.parse(bytes), msn, msn, 1, new Flags(), 4 | 16, Mode.IMAP4REV1));
        }
        written.flush();
        assertThat(encoded(lines)).isEqualTo(encoded(james));
    }

    private static void assertEveryCombinationWrittenAsJamesDoes(byte[] summary, MessagePart parsed) throws IOException {
        FetchItemBytes items = MessageSummary.itemBytes(summary).orElseThrow();
        for (Mode mode : Mode.values()) {
            ImapSession session = session(mode);
            for (int asked = 1; asked < 64; asked++) {
                boolean envelope = (asked & 1) != 0;
                boolean body = (asked & 2) != 0;
                boolean bodyStructure = (asked & 4) != 0;
                boolean flags = (asked & 8) != 0;
                boolean uid = (asked & 16) != 0;
                boolean modSeq = (asked & 32) != 0;
                List<ImapResponseMessage> lines = new ArrayList<>();
                List<Item> afterUid = new ArrayList<>();
                if (body) {
                    afterUid.add(Item.BODY);
                }
                if (bodyStructure) {
                    afterUid.add(Item.BODYSTRUCTURE);
                }
                MetadataLines written = new MetadataLines(flags, uid, modSeq,
                    envelope ? new Item[] {Item.ENVELOPE} : new Item[0], afterUid.toArray(Item[]::new), mode,
                    MetadataLinesTest.collectingInto(lines));
                written.add(7, 4_294_967_295L, 1234, SEEN_AND_ANSWERED, items);
                written.add(8, 12, 99, 0, items);
                written.flush();

                List<ImapResponseMessage> james = new ArrayList<>();
                Responder modal = ModalResponse.responder(MetadataLinesTest.collectingInto(james), session);
                modal.respond(jamesResponse(parsed, 7, 4_294_967_295L, 1234, seenAndAnswered(), asked, mode));
                modal.respond(jamesResponse(parsed, 8, 12, 99, new Flags(), asked, mode));
                assertThat(encoded(lines)).as("items %d, %s", asked, mode).isEqualTo(encoded(james));
            }
        }
    }

    /** A connection that enabled what the mode says. */
    private static ImapSession session(Mode mode) {
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        ImapSession session = mock(ImapSession.class, withSettings().defaultAnswer(Mockito.CALLS_REAL_METHODS));
        doAnswer(get -> attributes.get(get.<String>getArgument(0))).when(session).getAttribute(anyString());
        doAnswer(set -> attributes.put(set.getArgument(0), set.getArgument(1))).when(session).setAttribute(anyString(), any());
        if (mode == Mode.UTF8_ACCEPT) {
            EnableProcessor.getEnabledCapabilities(session).add(ConnectionMode.UTF8_ACCEPT.capability());
        } else if (mode == Mode.IMAP4REV2) {
            EnableProcessor.getEnabledCapabilities(session).add(ConnectionMode.IMAP4REV2.capability());
        }
        return session;
    }

    /** What the FETCH of content items wrote before: James's response of the items, ours for BODY and BODYSTRUCTURE. */
    private static ImapResponseMessage jamesResponse(MessagePart parsed, int msn, long uid, long modSeq, Flags flags,
                                                     int asked, Mode mode) {
        boolean imap4rev2 = mode == Mode.IMAP4REV2;
        List<ExtraItem> extras = new ArrayList<>();
        if ((asked & 2) != 0) {
            extras.add(composer -> StructureWriter.body(composer, new PartStructure(parsed), imap4rev2));
        }
        if ((asked & 4) != 0) {
            extras.add(composer -> StructureWriter.bodyStructure(composer, new PartStructure(parsed), imap4rev2));
        }
        FetchResponse base = new FetchResponse(MessageSequenceNumber.of(msn), (asked & 8) != 0 ? flags : null,
            (asked & 16) != 0 ? MessageUid.of(uid) : null, null, (asked & 32) != 0 ? ModSeq.of(modSeq) : null, null, null,
            (asked & 1) != 0 ? Envelopes.of(parsed.header) : null, null, null, null, null, null);
        return extras.isEmpty() ? base : new ExtendedFetchResponse(base, extras);
    }

    private static Flags seenAndAnswered() {
        Flags flags = new Flags(Flags.Flag.SEEN);
        flags.add(Flags.Flag.ANSWERED);
        return flags;
    }
}
