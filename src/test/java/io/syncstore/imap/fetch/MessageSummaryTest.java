package io.syncstore.imap.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

import org.apache.james.imap.message.response.FetchResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.syncstore.mime.Envelopes;
import io.syncstore.mime.FormerSummaries;
import io.syncstore.mime.MessagePart;
import io.syncstore.mime.MessageSummary;
import io.syncstore.mime.PartStructure;
import io.syncstore.mime.Preview;

/** A summary kept at APPEND answers ENVELOPE, BODYSTRUCTURE and PREVIEW as parsing the whole message does. */
class MessageSummaryTest {
    private static final String SIMPLE = "From: Ann <ann@example.org>\r\nTo: bob@example.org, Carl <c@x.test>\r\n"
        + "Subject: =?UTF-8?Q?caf=C3=A9?= report\r\nDate: Mon, 7 Feb 1994 21:52:25 -0800\r\nMessage-ID: <1@x>\r\n\r\n"
        + "Hello,\r\n> quoted\r\nthe text.\r\n";
    private static final String MIXED = "From: a@b.c\r\nSubject: parts\r\n"
        + "Content-Type: multipart/mixed; boundary=\"xx\"\r\n\r\npreamble\r\n--xx\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        + "caf=C3=A9 au lait\r\n--xx\r\nContent-Type: application/pdf; name=\"a.pdf\"\r\n"
        + "Content-Disposition: attachment; filename=\"a.pdf\"\r\nContent-Transfer-Encoding: base64\r\n"
        + "Content-ID: <pdf@x>\r\nContent-Language: en, fr\r\n\r\nJVBERi0xLjQK\r\nJVBERi0xLjQK\r\n--xx\r\n"
        + "Content-Type: message/rfc822\r\n\r\nFrom: inner@x.test\r\nSubject: inner\r\n"
        + "Content-Type: multipart/alternative; boundary=yy\r\n\r\n--yy\r\n\r\nplain inner\r\n--yy\r\n"
        + "Content-Type: text/html\r\n\r\n<p>html inner</p>\r\n--yy--\r\n\r\n--xx--\r\nepilogue\r\n";
    private static final String DIGEST = "Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\n"
        + "Subject: one\r\n\r\nfirst\r\n--d\r\n\r\nSubject: two\r\n\r\nsecond\r\n--d--\r\n";
    private static final String HTML_ONLY = "Content-Type: text/html; charset=us-ascii\r\n\r\n"
        + "<html><style>p{}</style><p>Some &amp; more</p></html>\r\n";

    @ParameterizedTest
    @ValueSource(strings = {SIMPLE, MIXED, DIGEST, HTML_ONLY, "", "no header at all", "Subject: no body\r\n"})
    void aSummaryGivesTheStructureEnvelopeAndPreviewOfTheParsedMessage(String text) {
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        MessagePart parsed = MessagePart.parse(message);

        MessageSummary summary = MessageSummary.read(MessageSummary.of(message)).orElseThrow();

        assertThat(described(new PartStructure(summary.structure()))).isEqualTo(described(new PartStructure(parsed)));
        assertThat(described(Envelopes.of(summary.structure().header)))
            .isEqualTo(described(Envelopes.of(parsed.header)));
        assertThat(summary.preview()).isEqualTo(Preview.of(parsed));
    }

    @Test
    void aSummaryOfAnotherFormatIsNotRead() {
        byte[] stored = MessageSummary.of(SIMPLE.getBytes(StandardCharsets.US_ASCII));
        stored[0] = 99;

        assertThat(MessageSummary.read(stored)).isEmpty();
    }

    /** A summary of format 1 took message/global for a leaf: it is computed again when the message has one. */
    @Test
    void aFormerSummaryIsReadUnlessItHoldsAMessageGlobalPart() {
        String global = MIXED.replace("message/rfc822", "message/global");
        assertThat(MessageSummary.read(formerFormat(MIXED))).isPresent();
        assertThat(MessageSummary.read(formerFormat(global))).isEmpty();
        MessagePart structure = MessageSummary.read(MessageSummary.of(global.getBytes(StandardCharsets.US_ASCII)))
            .orElseThrow().structure();
        assertThat(structure.children.get(2).isMessage()).isTrue();
    }

    /** The summary format 1 wrote: format 2's, with a message/global part (same length type swapped in) as a leaf. */
    private static byte[] formerFormat(String message) {
        byte[] leafGlobal = FormerSummaries.beforeItems(
            MessageSummary.of(message.replace("message/global", "application/xy").getBytes(StandardCharsets.US_ASCII)));
        byte[] summary = new String(leafGlobal, StandardCharsets.ISO_8859_1).replace("application/xy", "message/global")
            .getBytes(StandardCharsets.ISO_8859_1);
        summary[0] = 1;
        return summary;
    }

    @Test
    void aSummarisedPartHasNoBodyToRead() {
        MessagePart structure = MessageSummary.read(MessageSummary.of(MIXED.getBytes(StandardCharsets.US_ASCII)))
            .orElseThrow().structure();

        assertThat(structure.hasBody()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(structure::bodyBytes)
            .isInstanceOf(IllegalStateException.class);
    }

    private static String described(FetchResponse.Structure structure) {
        StringBuilder text = new StringBuilder();
        text.append(List.of(structure.getMediaType(), structure.getSubType(), structure.getParameters(),
            String.valueOf(structure.getId()), String.valueOf(structure.getDescription()), structure.getEncoding(),
            structure.getOctets(), structure.getLines(), String.valueOf(structure.getMD5()),
            String.valueOf(structure.getDisposition()), structure.getDispositionParams(),
            String.valueOf(structure.getLanguages()), String.valueOf(structure.getLocation())));
        if (structure.getEnvelope() != null) {
            text.append(" envelope ").append(described(structure.getEnvelope()));
            text.append(" body ").append(described(structure.getBody()));
        }
        Iterator<FetchResponse.Structure> parts = structure.parts();
        while (parts.hasNext()) {
            text.append(" (").append(described(parts.next())).append(')');
        }
        return text.toString();
    }

    private static String described(FetchResponse.Envelope envelope) {
        return List.of(String.valueOf(envelope.getDate()), String.valueOf(envelope.getSubject()),
            addresses(envelope.getFrom()), addresses(envelope.getSender()), addresses(envelope.getReplyTo()),
            addresses(envelope.getTo()), addresses(envelope.getCc()), addresses(envelope.getBcc()),
            String.valueOf(envelope.getInReplyTo()), String.valueOf(envelope.getMessageId())).toString();
    }

    private static String addresses(FetchResponse.Envelope.Address[] addresses) {
        if (addresses == null) {
            return "NIL";
        }
        StringBuilder text = new StringBuilder();
        for (FetchResponse.Envelope.Address address : addresses) {
            text.append(List.of(String.valueOf(address.getPersonalName()), String.valueOf(address.getAtDomainList()),
                String.valueOf(address.getMailboxName()), String.valueOf(address.getHostName())));
        }
        return text.toString();
    }
}
