package io.syncstore.imap.selected;

import java.util.Arrays;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.SearchQuery;

import io.syncstore.api.MailboxUidRanges;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The UIDs of a mailbox as runs ({@link MailboxUidRanges}), or, on a backend without it, from a search of all. */
final class UidRanges {
    private UidRanges() {
    }

    static Mono<long[]> of(MessageManager mailbox, MailboxSession session) {
        if (mailbox instanceof MailboxUidRanges) {
            return ((MailboxUidRanges) mailbox).uidRanges(session);
        }
        return Mono.defer(() -> {
            try {
                return Flux.from(mailbox.search(SearchQuery.of(SearchQuery.all()), session))
                    .map(MessageUid::asLong)
                    .collectList()
                    .map(uids -> runs(uids.stream().mapToLong(Long::longValue).sorted().toArray()));
            } catch (MailboxException e) {
                return Mono.error(e);
            }
        });
    }

    /** Sorted UIDs as {@code [first0, last0, first1, last1, ...]}. */
    static long[] runs(long[] sortedUids) {
        long[] runs = new long[8];
        int size = 0;
        for (long uid : sortedUids) {
            if (size > 0 && runs[size - 1] + 1 >= uid) {
                runs[size - 1] = Math.max(runs[size - 1], uid);
                continue;
            }
            if (size + 2 > runs.length) {
                runs = Arrays.copyOf(runs, runs.length * 2);
            }
            runs[size++] = uid;
            runs[size++] = uid;
        }
        return Arrays.copyOf(runs, size);
    }
}
