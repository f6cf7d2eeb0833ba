package io.syncstore.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The addresses of an ENVELOPE, each phrase read once, as Dovecot lists them. */
class EnvelopeAddressParserTest {
    @Test
    void aDisplayNameIsThePhraseBeforeTheAngleBrackets() {
        assertThat(parsed("\"Doe, Jane\" <jane@example.com>, Bob Smith <bob@example.org>"))
            .isEqualTo("(Doe, Jane null jane example.com)(Bob Smith null bob example.org)");
    }

    @Test
    void withoutAngleBracketsTheNameIsTheLastComment() {
        assertThat(parsed("jane@example.com (Jane Doe), bob.smith@example.org"))
            .isEqualTo("(Jane Doe null jane example.com)(null null bob.smith example.org)");
    }

    @Test
    void aGroupListsItsMembersBetweenMarkers() {
        assertThat(parsed("Friends: Ann <ann@a.example>, bob@b.example;, carol@c.example"))
            .isEqualTo("(null null Friends null)(Ann null ann a.example)(null null bob b.example)(null null null null)"
                + "(null null carol c.example)");
    }

    @Test
    void aRouteAndMissingPartsAreKept() {
        assertThat(parsed("Route <@relay.example:joe@example.com>, nobody, <@only>"))
            .isEqualTo("(Route @relay.example joe example.com)(null null nobody MISSING_DOMAIN)"
                + "(null null MISSING_MAILBOX only)");
    }

    private static String parsed(String value) {
        StringBuilder written = new StringBuilder();
        EnvelopeAddressParser.parse(value).forEach(written::append);
        return written.toString();
    }
}
