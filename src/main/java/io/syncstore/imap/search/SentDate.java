package io.syncstore.imap.search;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.field.DateTimeField;
import org.apache.james.mime4j.field.DateTimeFieldLenientImpl;
import org.apache.james.mime4j.stream.RawField;

/** The sent date SORT and THREAD order by (RFC 5256 §2.2). */
public final class SentDate {
    private SentDate() {
    }

    /** The Date: header's instant; without a valid one, the internal date. */
    public static Instant of(Optional<String> dateHeader, Instant internalDate) {
        return dateHeader.flatMap(SentDate::parse).orElse(internalDate);
    }

    private static Optional<Instant> parse(String value) {
        DateTimeField field = DateTimeFieldLenientImpl.PARSER.parse(new RawField("Date", value), DecodeMonitor.SILENT);
        return Optional.ofNullable(field.getDate()).map(Date::toInstant);
    }
}
