package io.syncstore.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** THREAD's columns: rows by position, IDs and subjects numbered by their text wherever it was cut from. */
class ThreadingFieldsTest {
    @Test
    void rowsAreByPositionAndPositionsNeverGivenAreLeftOut() {
        String text = "re: lunch|<a@x>|<b@x>";
        ThreadingFields fields = ThreadingFields.builder(3)
            .message(2, 30, 3000, true).subject(text, 4, 9).messageId(text, 10, 15).reference(text, 16, 21)
            .message(0, 10, -1000, false).subject(text, 0, 0)
            .build();

        assertThat(fields.size()).isEqualTo(2);
        assertThat(fields.uid(0)).isEqualTo(10);
        assertThat(fields.sent(0)).isEqualTo(-1000);
        assertThat(fields.replyOrForward(0)).isFalse();
        assertThat(fields.subjectNumber(0)).isEqualTo(ThreadingFields.EMPTY_SUBJECT);
        assertThat(fields.messageId(0)).isNull();
        assertThat(fields.messageIdNumber(0)).isEqualTo(ThreadingFields.NO_ID);
        assertThat(fields.references(0)).isEmpty();
        assertThat(fields.uid(1)).isEqualTo(30);
        assertThat(fields.baseSubject(1)).isEqualTo("lunch");
        assertThat(fields.messageId(1)).isEqualTo("<a@x>");
        assertThat(fields.references(1)).containsExactly("<b@x>");
    }

    @Test
    void theSameTextHasTheSameNumberWhereverItIsCutFrom() {
        String joined = "a@x b@x a@x";
        ThreadingFields fields = ThreadingFields.builder(2)
            .message(0, 1, 0, false).subject("Lunch", 0, 5).messageId(joined, 0, 3).reference(joined, 4, 7)
            .message(1, 2, 0, true).subject("lunch", 0, 5).messageId("b@x", 0, 3).reference(joined, 8, 11)
            .reference(new StringBuilder("a@x"), 0, 3)
            .build();

        assertThat(fields.messageIdNumber(1)).isEqualTo(fields.referenceNumber(0, 0));
        assertThat(fields.referenceNumber(1, 0)).isEqualTo(fields.messageIdNumber(0))
            .isEqualTo(fields.referenceNumber(1, 1));
        assertThat(fields.messageIdNumber(0)).isNotEqualTo(fields.messageIdNumber(1));
        assertThat(fields.idCount()).isEqualTo(2);
        // subjects are compared as they are: case folding is the base subject's business
        assertThat(fields.subjectNumber(0)).isNotEqualTo(fields.subjectNumber(1));
        assertThat(fields.subjectCount()).isEqualTo(3);
    }

    @Test
    void moreTextsThanExpectedKeepTheirNumbers() {
        ThreadingFields.Builder builder = ThreadingFields.builder(1).message(0, 1, 0, false).subject("", 0, 0);
        IntStream.range(0, 10_000).forEach(n -> builder.reference("<" + n + "@x>", 0, ("<" + n + "@x>").length()));
        IntStream.range(0, 10_000).forEach(n -> builder.reference("<" + n + "@x>", 0, ("<" + n + "@x>").length()));
        ThreadingFields fields = builder.build();

        assertThat(fields.idCount()).isEqualTo(10_000);
        assertThat(fields.referenceCount(0)).isEqualTo(20_000);
        for (int n = 0; n < 10_000; n++) {
            assertThat(fields.referenceNumber(0, n)).isEqualTo(n).isEqualTo(fields.referenceNumber(0, 10_000 + n));
        }
        assertThat(fields.references(0)[9_999]).isEqualTo("<9999@x>");
    }
}
