package io.syncstore.imap.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import javax.mail.Flags;

import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.UidRange;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseWriter;
import org.apache.james.imap.encode.base.ImapResponseComposerImpl;
import org.apache.james.imap.encode.main.DefaultImapEncoderFactory;
import org.apache.james.imap.encode.main.DefaultLocalizer;
import org.apache.james.imap.message.Literal;
import org.apache.james.imap.message.response.ExistsResponse;
import org.apache.james.imap.message.response.ExpungeResponse;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.message.response.MailboxStatusResponse;
import org.apache.james.imap.message.response.RecentResponse;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.imap.message.response.VanishedResponse;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.NullableMessageSequenceNumber;
import org.apache.james.mailbox.MessageSequenceNumber;
import org.apache.james.mailbox.model.UidValidity;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * What a connection is told between commands must be byte for byte what the same response is in a command's answer,
 * which James's own composer writes.
 */
class ChannelComposerTest {
    private static final ImapEncoder ENCODER = DefaultImapEncoderFactory.createDefaultEncoder(new DefaultLocalizer(), false);

    @Test
    void theResponsesOfAPushAreWrittenAsJamesWritesThem() throws IOException {
        Flags flags = new Flags(Flags.Flag.SEEN);
        flags.add(Flags.Flag.ANSWERED);
        flags.add(Flags.Flag.RECENT);
        flags.add("$Forwarded");
        StatusResponse ok = new UnpooledStatusResponseFactory().untaggedOk(HumanReadableText.HEARTBEAT,
            StatusResponse.ResponseCode.highestModSeq(ModSeq.of(77)));
        List<ImapResponseMessage> responses = List.of(
            new ExistsResponse(123456789L),
            new RecentResponse(0),
            new ExpungeResponse(NullableMessageSequenceNumber.of(3)),
            new VanishedResponse(new UidRange[] {new UidRange(MessageUid.of(4), MessageUid.of(9)), new UidRange(MessageUid.of(12))}, false),
            new FetchResponse(MessageSequenceNumber.of(7), flags, MessageUid.of(42), null, ModSeq.of(1234567890123L),
                null, null, null, null, null, null, null, null),
            new MailboxStatusResponse(Optional.empty(), null, null, null, 10L, 1L, MessageUid.of(11), ModSeq.of(5),
                UidValidity.of(99), 2L, "Archiv/\"2026\" \\ ümlaut", null),
            ok,
            new UnpooledStatusResponseFactory().taggedOk(new Tag("a7"), ImapConstants.IDLE_COMMAND, HumanReadableText.COMPLETED));

        assertThat(ours(composer -> encodeAll(responses, composer)))
            .isEqualTo(james(composer -> encodeAll(responses, composer)));
    }

    @Test
    void everyCallOfTheComposerWritesWhatJamesWrites() throws IOException {
        ComposerScript script = composer -> {
            composer.untagged().message("LIST").openParen().message("\\HasNoChildren").closeParen().quote('/')
                .mailbox("Entwürfe & \"Notes\"").end();
            composer.untagged().message(-5).message(0).nil().quoteUpperCaseAscii("mixed Case").quoteUpperCaseAscii(null)
                .openSquareBracket().message("CODE").closeSquareBracket().skipNextSpace().message("joined").end();
            composer.untagged().sequenceSet(new IdRange[] {new IdRange(1, 3), new IdRange(7)})
                .sequenceSet(new UidRange[] {new UidRange(MessageUid.of(5), MessageUid.of(6))})
                .message("ascii only: é".getBytes(StandardCharsets.ISO_8859_1)).message("é \uD83D\uDE00 ok").end();
            composer.untaggedResponse("BYE going");
            composer.continuationResponse("go ahead");
            composer.continuationResponse();
            composer.untagged().message("5").message("FETCH").openParen().message("BODY[]").literal(literal("Hello\r\nWorld"))
                .closeParen().end();
            composer.untagged().message("6").literal(literal("")).end();
            composer.tag(new Tag("x1")).commandName(ImapConstants.NOOP_COMMAND).message("done").end();
        };
        assertThat(ours(script)).isEqualTo(james(script));
    }

    @Test
    void aLongResponseIsWrittenWholeAcrossTheBuffersItFills() throws IOException {
        String keyword = "k".repeat(300);
        ComposerScript script = composer -> {
            for (int i = 0; i < 100; i++) {
                composer.untagged().message(i).message("FETCH").openParen().flags(new Flags(keyword + i)).closeParen().end();
            }
        };
        String written = ours(script);
        assertThat(written).hasSizeGreaterThan(30_000).isEqualTo(james(script));
    }

    @Test
    void anUntaggedNoWithACodeHasTheSpaceOfRfc3501() throws IOException {
        assertThat(ours(composer -> composer.untaggedNoResponse("Mailbox is full", "OVERQUOTA")))
            .isEqualTo("* NO [OVERQUOTA] Mailbox is full\r\n");
    }

    @Test
    void nothingIsWrittenToAClosedConnection() throws IOException {
        EmbeddedChannel channel = new EmbeddedChannel();
        ChannelComposer composer = new ChannelComposer(channel);
        channel.close();
        composer.untagged().message(1).message("EXISTS").end();
        composer.flush();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    private static void encodeAll(List<ImapResponseMessage> responses, ImapResponseComposer composer) throws IOException {
        for (ImapResponseMessage response : responses) {
            ENCODER.encode(response, composer);
        }
    }

    private static String ours(ComposerScript script) throws IOException {
        EmbeddedChannel channel = new EmbeddedChannel();
        ChannelComposer composer = new ChannelComposer(channel);
        script.run(composer);
        composer.flush();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            out.release();
            written.writeBytes(bytes);
        }
        return written.toString(StandardCharsets.ISO_8859_1);
    }

    private static String james(ComposerScript script) throws IOException {
        CollectingWriter writer = new CollectingWriter();
        ImapResponseComposerImpl composer = new ImapResponseComposerImpl(writer);
        writer.composer = composer;
        script.run(composer);
        composer.flush();
        return writer.written.toString(StandardCharsets.ISO_8859_1);
    }

    /** As James's channel writer: what the composer holds goes before a literal's content. */
    private static final class CollectingWriter implements ImapResponseWriter {
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private ImapResponseComposerImpl composer;

        @Override
        public void write(byte[] buffer) {
            written.writeBytes(buffer);
        }

        @Override
        public void write(Literal literal) throws IOException {
            composer.flush();
            try (InputStream in = literal.getInputStream()) {
                written.writeBytes(in.readAllBytes());
            }
        }
    }

    private static Literal literal(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return new Literal() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream getInputStream() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }

    @FunctionalInterface
    private interface ComposerScript {
        void run(ImapResponseComposer composer) throws IOException;
    }
}
