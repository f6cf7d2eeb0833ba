package io.syncstore.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.datetime.DateTime;
import org.apache.james.mime4j.field.DateTimeFieldLenientImpl;
import org.apache.james.mime4j.field.datetime.parser.DateTimeParser;
import org.apache.james.mime4j.stream.RawField;
import org.junit.jupiter.api.Test;

class DateHeaderTest {
    private static final DateTimeFormatter WITH_WEEKDAY = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.ROOT);
    private static final DateTimeFormatter WITHOUT_WEEKDAY = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss xx", Locale.ROOT);

    @Test
    void thePrescribedFormGivesTheDayAndInstantMime4jGives() throws Exception {
        Random random = new Random(5322);
        for (int i = 0; i < 3_000; i++) {
            OffsetDateTime written = Instant.ofEpochSecond(random.nextInt(2_000_000_000))
                .atOffset(ZoneOffset.ofTotalSeconds((random.nextInt(53) - 26) * 30 * 60));
            String value = (random.nextBoolean() ? WITH_WEEKDAY : WITHOUT_WEEKDAY).format(written);

            assertThat(DateHeader.prescribed(value)).as(value).contains(written);
            DateTime mime4j = new DateTimeParser(new StringReader(value)).parseAll();
            assertThat(DateHeader.writtenDay(value)).as(value).contains(LocalDate.of(mime4j.getYear(), mime4j.getMonth(), mime4j.getDay()));
            assertThat(SentDate.of(value)).as(value).contains(lenient(value));
        }
    }

    @Test
    void otherFormsAreLeftToMime4j() {
        assertThat(DateHeader.prescribed("Sat, 5 Dec 2026 10:00:00 +0000 (UTC)")).isEmpty();
        assertThat(DateHeader.writtenDay("Sat, 5 Dec 2026 10:00:00 +0000 (UTC)")).contains(LocalDate.of(2026, 12, 5));
        assertThat(DateHeader.prescribed("Sun, 5 Dec 2026 10:00:00 +0000")).as("a wrong day of the week").isEmpty();
        assertThat(DateHeader.writtenDay("Sun, 5 Dec 2026 10:00:00 +0000")).contains(LocalDate.of(2026, 12, 5));
        assertThat(DateHeader.prescribed("Sat, 05 Dec 26 10:00 EST")).isEmpty();
        assertThat(DateHeader.writtenDay("Sat, 05 Dec 26 10:00 EST")).contains(LocalDate.of(2026, 12, 5));
        assertThat(DateHeader.writtenDay("  5 Dec 2026 23:59:59 -0800\r\n")).as("the day as written, not in UTC").contains(LocalDate.of(2026, 12, 5));
        assertThat(DateHeader.prescribed("Sat, 5 Dec 2026 10:00 GMT")).contains(OffsetDateTime.of(2026, 12, 5, 10, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void noValidDayIsNoDay() {
        assertThat(DateHeader.prescribed("Tue, 31 Feb 2026 10:00:00 +0000")).isEmpty();
        assertThat(DateHeader.writtenDay("Tue, 31 Feb 2026 10:00:00 +0000")).isEmpty();
        assertThat(DateHeader.writtenDay("next Tuesday")).isEmpty();
        assertThat(DateHeader.writtenDay("")).isEmpty();
    }

    private static Instant lenient(String value) {
        return DateTimeFieldLenientImpl.PARSER.parse(new RawField("Date", value), DecodeMonitor.SILENT).getDate().toInstant();
    }
}
