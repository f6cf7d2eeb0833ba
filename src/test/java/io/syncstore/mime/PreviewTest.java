package io.syncstore.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** PREVIEW of a text/plain message: quoted lines left out, white space collapsed, at most 200 characters. */
class PreviewTest {
    private static String previewOf(String body) {
        return Preview.of(MessagePart.parse(("Subject: s\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void quotedLinesAreLeftOutAndWhiteSpaceIsCollapsed() {
        assertThat(previewOf("> quoted first\r\n  Hello,\r\n> quoted\r\n>\r\n\tthe\t\ttext.\r\n\r\n>last"))
            .isEqualTo("Hello, the text.");
    }

    @Test
    void aLongTextGivesItsFirst200Characters() {
        String words = "word ".repeat(30_000);
        String preview = previewOf("> a quote\r\n\r\n   " + words.replace(" ", " \r\n \t"));

        assertThat(preview).isEqualTo(words.substring(0, 200).trim());
    }

    @Test
    void charactersBeyondTheBasicPlaneCountOnce() {
        String emoji = "\uD83D\uDE00";
        String preview = previewOf(emoji.repeat(300));

        assertThat(preview.codePointCount(0, preview.length())).isEqualTo(200);
        assertThat(preview).isEqualTo(emoji.repeat(200));
    }

    @Test
    void aTextOfOnlyQuotesAndSpacesIsEmpty() {
        assertThat(previewOf("> one\r\n \r\n>two\r\n")).isEmpty();
    }
}
