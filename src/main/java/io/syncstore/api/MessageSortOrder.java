package io.syncstore.api;

import java.util.List;
import java.util.Optional;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;

import reactor.core.publisher.Mono;

/**
 * Messages of a mailbox in the order of SORT's keys (RFC 5256 §3, RFC 5957 §3), ordered by the backend that keeps
 * their {@link SortingFields}, so that SORT neither reads those fields nor sorts them itself.
 */
public interface MessageSortOrder {
    /** The keys, as {@link SortingFields} holds them. */
    enum Key { ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO, DISPLAYFROM, DISPLAYTO }

    /** One key of the order, descending when {@code reverse}. */
    final class Criterion {
        private final Key key;
        private final boolean reverse;

        public Criterion(Key key, boolean reverse) {
            this.key = key;
            this.reverse = reverse;
        }

        public Key key() {
            return key;
        }

        public boolean reverse() {
            return reverse;
        }

        @Override
        public String toString() {
            return (reverse ? "REVERSE " : "") + key;
        }
    }

    /**
     * Messages in an order: the position of each among the UIDs asked for (so that the caller, who knows its number,
     * need not look its UID up) and, at the same index, its mod-sequence when they were asked for (else none).
     */
    final class Ordered {
        private final long[] asked;
        private final int[] positions;
        private final long[] modSeqs;

        public Ordered(long[] asked, int[] positions, long[] modSeqs) {
            this.asked = asked;
            this.positions = positions;
            this.modSeqs = modSeqs;
        }

        /** Indexes into the UIDs asked for, in order. */
        public int[] positions() {
            return positions;
        }

        public long[] uids() {
            long[] uids = new long[positions.length];
            for (int i = 0; i < uids.length; i++) {
                uids[i] = asked[positions[i]];
            }
            return uids;
        }

        public long[] modSeqs() {
            return modSeqs;
        }
    }

    /**
     * How text keys compare, here and in any sort made elsewhere: by code point, the order of their UTF-8 octets (RFC
     * 5256's i;ascii-casemap compares octets). {@link String#compareTo} compares UTF-16 units, which puts U+E000 to
     * U+FFFF after the characters above U+FFFF.
     */
    static int compareText(String left, String right) {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            int l = left.codePointAt(i);
            int r = right.codePointAt(j);
            if (l != r) {
                return Integer.compare(l, r);
            }
            i += Character.charCount(l);
            j += Character.charCount(r);
        }
        return Integer.compare(left.length() - i, right.length() - j);
    }

    /**
     * Those of these messages ({@code uids} ascending) that the mailbox holds, ordered by the first criterion, its ties
     * by the next and so on, exact ties in ascending UID order; empty when this backend cannot order them all (a
     * mailbox of another backend, a message whose fields are not stored yet). Their mod-sequences come with them only
     * when {@code modSeqsWanted}: reading them can cost more than the order (a SORT by SUBJECT from an index).
     */
    Mono<Optional<Ordered>> order(MessageManager mailbox, long[] uids, List<Criterion> criteria, boolean modSeqsWanted,
                                  MailboxSession session);
}
