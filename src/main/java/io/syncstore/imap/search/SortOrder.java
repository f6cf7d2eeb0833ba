package io.syncstore.imap.search;

import java.util.Comparator;
import java.util.List;

/**
 * The order of a SORT's criteria, then ascending message number for exact ties (RFC 5256 §3: "in ascending order by
 * the order in which they appear in the mailbox"). REVERSE reverses its one key, never the tie-break.
 */
final class SortOrder {
    private SortOrder() {
    }

    static Comparator<SortableMessage> of(List<SortCriterion> criteria) {
        Comparator<SortableMessage> order = (left, right) -> 0;
        for (SortCriterion criterion : criteria) {
            Comparator<SortableMessage> byKey = byKey(criterion.key());
            order = order.thenComparing(criterion.reverse() ? byKey.reversed() : byKey);
        }
        return order.thenComparingLong(SortableMessage::number);
    }

    private static Comparator<SortableMessage> byKey(SortKey key) {
        switch (key) {
            case ARRIVAL: return Comparator.comparing(SortableMessage::arrival);
            case DATE: return Comparator.comparing(SortableMessage::sent);
            case SIZE: return Comparator.comparingLong(SortableMessage::size);
            case SUBJECT: return Comparator.comparing(SortableMessage::subject);
            case FROM: return Comparator.comparing(SortableMessage::from);
            case TO: return Comparator.comparing(SortableMessage::to);
            case CC: return Comparator.comparing(SortableMessage::cc);
            case DISPLAYFROM: return Comparator.comparing(SortableMessage::displayFrom);
            case DISPLAYTO: return Comparator.comparing(SortableMessage::displayTo);
            default: throw new IllegalArgumentException("Unknown sort key " + key);
        }
    }
}
