package io.syncstore.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.james.mailbox.model.ByteContent;
import org.apache.james.mailbox.model.ParsedAttachment;
import org.apache.james.mailbox.store.mail.model.impl.MessageParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An APPEND skips James's attachment parsing (a whole parse of the message into memory) only for a message in which
 * that parsing would find no attachment: each message here is given to both, and James's answer decides.
 */
class IncomingMessageTest {
    private static final String BOUNDARY = "b0und4ry";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain text                          | Content-Type: text/plain; charset=us-ascii                        | false | 0",
        "no Content-Type                     |                                                                   | false | 0",
        "binary without a disposition        | Content-Type: application/octet-stream                            | false | 0",
        "multipart without a boundary        | Content-Type: multipart/mixed                                     | false | 0",
        "text with an attachment disposition | Content-Type: text/plain\\r\\nContent-Disposition: attachment; filename=a.txt | true | 0",
        "a PDF attached                      | Content-Type: application/pdf\\r\\nContent-Disposition: attachment; filename=a.pdf | true | 1",
        "an inline image with a Content-ID   | Content-Type: image/png\\r\\nContent-ID: <logo@example.com>         | true | 1",
        "a PGP signature                     | Content-Type: application/pgp-signature                          | true | 1",
        "a disposition notification          | Content-Type: MESSAGE/DISPOSITION-NOTIFICATION                    | true | 1",
        "an inline calendar                  | Content-Type: text/calendar\\r\\nContent-Disposition: inline        | true | 1",
        "multipart with an attachment        | Content-Type: multipart/mixed; boundary=" + BOUNDARY + "          | true | 1",
        "multipart/alternative               | Content-Type: multipart/alternative; boundary=" + BOUNDARY + "    | true | 0",
    })
    void jamesParsingIsSkippedOnlyWhereItFindsNoAttachment(String description, String contentHeaders,
                                                           boolean mayHaveAttachments, int jamesAttachments) throws Exception {
        byte[] message = message(contentHeaders == null ? "" : contentHeaders.replace("\\r\\n", "\r\n"));

        List<ParsedAttachment> found = new MessageParser().retrieveAttachments(new ByteArrayInputStream(message)).getAttachments();

        assertThat(found).hasSize(jamesAttachments);
        assertThat(IncomingMessage.read(new ByteContent(message)).mayHaveAttachments()).isEqualTo(mayHaveAttachments);
    }

    private static byte[] message(String contentHeaders) {
        String head = "From: a@example.com\r\nTo: b@example.com\r\nSubject: test\r\nMIME-Version: 1.0\r\n"
            + (contentHeaders.isEmpty() ? "" : contentHeaders + "\r\n") + "\r\n";
        String body = contentHeaders.contains("boundary=")
            ? "--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
                + "--" + BOUNDARY + "\r\nContent-Type: " + (contentHeaders.contains("alternative") ? "text/html" : "application/pdf")
                + "\r\nContent-Disposition: " + (contentHeaders.contains("alternative") ? "inline" : "attachment; filename=a.pdf")
                + "\r\n\r\n%PDF\r\n--" + BOUNDARY + "--\r\n"
            : "hello\r\n";
        return (head + body).getBytes(StandardCharsets.US_ASCII);
    }
}
