package io.syncstore.imap.search;

import java.util.Locale;
import java.util.Optional;

/** The sort keys of RFC 5256 §3 and RFC 5957 §3. */
enum SortKey {
    ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO, DISPLAYFROM, DISPLAYTO;

    static Optional<SortKey> parse(String name) {
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
