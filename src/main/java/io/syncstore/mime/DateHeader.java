package io.syncstore.mime;

import java.io.StringReader;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Optional;

import org.apache.james.mime4j.dom.datetime.DateTime;
import org.apache.james.mime4j.field.datetime.parser.DateTimeParser;
import org.apache.james.mime4j.field.datetime.parser.ParseException;

/**
 * A Date: header read first in the form RFC 5322 §3.3 prescribes and nearly every sender writes ({@code Sat, 5 Dec
 * 2026 10:00:00 +0000}), by the JDK's formatter; mime4j's parsers, used for every other form, cost several times more
 * and create an exception at the end of each value they read.
 */
public final class DateHeader {
    private static final DateTimeFormatter PRESCRIBED = DateTimeFormatter.RFC_1123_DATE_TIME.withResolverStyle(ResolverStyle.STRICT);

    private DateHeader() {
    }

    /**
     * The date and time with the offset written, when the value is exactly in the prescribed form and a valid date
     * whose day of the week, if written, is right; empty otherwise (comments, obsolete zones, two-digit years...).
     */
    public static Optional<OffsetDateTime> prescribed(String value) {
        try {
            return Optional.of(OffsetDateTime.parse(value.strip(), PRESCRIBED));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The day as written, time and zone disregarded (RFC 3501 §6.4.4, SENT*); empty when it names no valid day. */
    public static Optional<LocalDate> writtenDay(String value) {
        Optional<OffsetDateTime> prescribed = prescribed(value);
        if (prescribed.isPresent()) {
            return prescribed.map(OffsetDateTime::toLocalDate);
        }
        try {
            DateTime written = new DateTimeParser(new StringReader(value)).parseAll();
            return Optional.of(LocalDate.of(written.getYear(), written.getMonth(), written.getDay()));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
