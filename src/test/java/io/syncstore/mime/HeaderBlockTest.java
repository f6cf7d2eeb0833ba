package io.syncstore.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class HeaderBlockTest {
    private static final String HEADER = "Subject: first\r\n"
        + "FROM :  Ann <ann@example.org>\r\n"
        + "x-long: one\r\n\ttwo\r\n"
        + "not a field\r\n"
        + "subject: second\r\n"
        + "Caf\u00e9: latin\r\n"
        + "\r\n"
        + "body\r\n";

    private final byte[] message = HEADER.getBytes(StandardCharsets.ISO_8859_1);
    private final HeaderBlock header = HeaderBlock.parse(message, 0, message.length);

    @Test
    void aValueIsFoundWhateverTheCaseAndSpacingOfItsName() {
        assertThat(header.value("from")).contains("Ann <ann@example.org>");
        assertThat(header.value("X-LONG")).contains("one\ttwo");
        assertThat(header.value("CAF\u00c9")).contains("latin");
        assertThat(header.value("To")).isEmpty();
        assertThat(header.value("Fro")).isEmpty();
    }

    @Test
    void theFirstOfTwoFieldsOfOneNameIsItsValue() {
        assertThat(header.value("SUBJECT")).contains("first");
    }

    @Test
    void fieldsAreChosenByNameAsWrittenAndALineWithoutColonIsNoField() {
        assertThat(new String(header.fields(List.of("subject", "x-Long"), false), StandardCharsets.ISO_8859_1))
            .isEqualTo("Subject: first\r\nx-long: one\r\n\ttwo\r\nsubject: second\r\n\r\n");
        assertThat(new String(header.fields(List.of("SUBJECT", "x-long", "caf\u00e9"), true), StandardCharsets.ISO_8859_1))
            .isEqualTo("FROM :  Ann <ann@example.org>\r\n\r\n");
        assertThat(header.end()).isEqualTo(HEADER.indexOf("body"));
    }

    @Test
    void aValueInUtf8IsDecodedAndUnfolded() {
        byte[] utf8 = "Subject:  Caf\u00e9 au lait\r\n \u00e0 emporter \r\n\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(HeaderBlock.parse(utf8, 0, utf8.length).value("Subject")).contains("Caf\u00e9 au lait \u00e0 emporter");
    }
}
