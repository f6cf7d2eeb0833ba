package io.syncstore.mime;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Optional;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.field.DateTimeField;
import org.apache.james.mime4j.field.DateTimeFieldLenientImpl;
import org.apache.james.mime4j.stream.RawField;

/** The sent date SORT and THREAD order by (RFC 5256 §2.2): the Date: header's instant, when it holds a valid one. */
final class SentDate {
    private SentDate() {
    }

    static Optional<Instant> of(String dateHeader) {
        Optional<OffsetDateTime> prescribed = DateHeader.prescribed(dateHeader);
        if (prescribed.isPresent()) {
            return prescribed.map(OffsetDateTime::toInstant);
        }
        DateTimeField field = DateTimeFieldLenientImpl.PARSER.parse(new RawField("Date", dateHeader), DecodeMonitor.SILENT);
        return Optional.ofNullable(field.getDate()).map(Date::toInstant);
    }
}
