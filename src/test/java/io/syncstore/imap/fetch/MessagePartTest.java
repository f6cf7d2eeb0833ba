package io.syncstore.imap.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.james.imap.api.message.SectionType;
import org.junit.jupiter.api.Test;

import io.syncstore.mime.MessagePart;
import io.syncstore.mime.TransferDecoding;

class MessagePartTest {
    private static MessagePart parse(String message) {
        return MessagePart.parse(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String read(MessagePart root, int[] path, SectionType type, List<String> fields) {
        return new String(Sections.read(root, path, type, fields), StandardCharsets.ISO_8859_1);
    }

    @Test
    void partsEndBeforeTheLineBreakOfTheNextBoundaryWithBareLineFeedsToo() {
        MessagePart root = parse("Content-Type: multipart/mixed; boundary=b\n\npreamble\n--b\n\none\n--b\n"
            + "Content-Type: text/html\n\n<p>two</p>\n--b--\nepilogue\n");
        assertThat(root.children).hasSize(2);
        assertThat(read(root, new int[] {1}, SectionType.CONTENT, null)).isEqualTo("one");
        assertThat(read(root, new int[] {2}, SectionType.MIME, null)).isEqualTo("Content-Type: text/html\n\n");
        assertThat(root.children.get(1).subType).isEqualTo("html");
        assertThat(root.children.get(0).bodyLines()).isZero();
    }

    @Test
    void aMultipartWithoutCloseDelimiterEndsItsLastPartAtTheEnd() {
        MessagePart root = parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nonly\r\nmore\r\n");
        assertThat(root.children).hasSize(1);
        assertThat(read(root, new int[] {1}, SectionType.CONTENT, null)).isEqualTo("only\r\nmore\r\n");
    }

    @Test
    void aBoundaryThatStartsWithAnotherDoesNotEndIt() {
        MessagePart root = parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
            + "Content-Type: multipart/alternative; boundary=b2\r\n\r\n--b2\r\n\r\ninner\r\n--b2--\r\n--b--\r\n");
        assertThat(root.children).hasSize(1);
        assertThat(read(root, new int[] {1, 1}, SectionType.CONTENT, null)).isEqualTo("inner");
    }

    @Test
    void aMessageWithoutBodyIsAllHeader() {
        MessagePart root = parse("Subject: only a header\r\nX-Folded: a\r\n b");
        assertThat(read(root, null, SectionType.HEADER, null)).isEqualTo("Subject: only a header\r\nX-Folded: a\r\n b");
        assertThat(read(root, null, SectionType.TEXT, null)).isEmpty();
        assertThat(root.header.value("x-folded")).contains("a b");
        assertThat(read(root, null, SectionType.HEADER_FIELDS, List.of("X-FOLDED"))).isEqualTo("X-Folded: a\r\n b\r\n\r\n");
    }

    @Test
    void partNumbersOfAMessageWhoseBodyIsAMessageCountThePartsOfTheInnerMessage() {
        MessagePart root = parse("Subject: outer\r\nContent-Type: message/rfc822\r\n\r\n"
            + "Subject: inner\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\r\na\r\n--x\r\n\r\nb\r\n--x--\r\n");
        assertThat(read(root, new int[] {1}, SectionType.HEADER, null)).startsWith("Subject: inner\r\n");
        assertThat(read(root, new int[] {1}, SectionType.HEADER_NOT_FIELDS, List.of("content-type")))
            .isEqualTo("Subject: inner\r\n\r\n");
        assertThat(read(root, new int[] {1, 2}, SectionType.CONTENT, null)).isEqualTo("b");
        assertThat(read(root, new int[] {1}, SectionType.MIME, null)).startsWith("Subject: outer\r\n");
        assertThat(read(root, new int[] {1, 3}, SectionType.CONTENT, null)).isEmpty();
        assertThat(read(root, new int[] {2}, SectionType.CONTENT, null)).isEmpty();
    }

    @Test
    void binaryDecodesQuotedPrintableAndBase64AndRefusesUnknownEncodings() {
        MessagePart root = parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n"
            + "--b\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\ncaf=C3=A9=\r\n!\r\n"
            + "--b\r\nContent-Transfer-Encoding: BASE64\r\n\r\naGk=\r\n"
            + "--b\r\nContent-Transfer-Encoding: x-odd\r\n\r\n?\r\n--b--\r\n");
        assertThat(TransferDecoding.decoded(root.children.get(0))).hasValue("café!".getBytes(StandardCharsets.UTF_8));
        assertThat(TransferDecoding.decoded(root.children.get(1))).hasValue("hi".getBytes(StandardCharsets.US_ASCII));
        assertThat(TransferDecoding.decoded(root.children.get(2))).isEmpty();
        assertThat(TransferDecoding.decodedWhole(root)).isEmpty();
    }
}
