package io.syncstore.imap.search;

import java.util.Comparator;
import java.util.List;

import io.syncstore.api.MessageSortOrder;

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
            case ARRIVAL: return Comparator.comparing(message -> message.fields().arrival());
            case DATE: return Comparator.comparing(message -> message.fields().sent());
            case SIZE: return Comparator.comparingLong(message -> message.fields().size());
            case SUBJECT: return Comparator.comparing(message -> message.fields().baseSubject(), MessageSortOrder::compareText);
            case FROM: return Comparator.comparing(message -> message.fields().addresses().fromMailbox(), MessageSortOrder::compareText);
            case TO: return Comparator.comparing(message -> message.fields().addresses().toMailbox(), MessageSortOrder::compareText);
            case CC: return Comparator.comparing(message -> message.fields().addresses().ccMailbox(), MessageSortOrder::compareText);
            case DISPLAYFROM: return Comparator.comparing(message -> message.fields().addresses().fromDisplay(), MessageSortOrder::compareText);
            case DISPLAYTO: return Comparator.comparing(message -> message.fields().addresses().toDisplay(), MessageSortOrder::compareText);
            default: throw new IllegalArgumentException("Unknown sort key " + key);
        }
    }
}
