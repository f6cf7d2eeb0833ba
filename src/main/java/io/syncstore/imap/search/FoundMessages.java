package io.syncstore.imap.search;

import java.util.Arrays;
import java.util.Optional;

import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.mailbox.MessageUid;

/**
 * The UIDs of the matches, ascending, with the number each has in the answer (the UID, or the message sequence
 * number the client knows), and whether the search keys held MODSEQ.
 */
public final class FoundMessages {
    private final long[] uids;
    private final long[] numbers;
    private final boolean modSeqAsked;

    private FoundMessages(long[] uids, long[] numbers, boolean modSeqAsked) {
        this.uids = uids;
        this.numbers = numbers;
        this.modSeqAsked = modSeqAsked;
    }

    /** A message the client has no sequence number for yet is left out of a command by sequence numbers. */
    static FoundMessages of(long[] uids, boolean useUids, SelectedMailbox selected, boolean modSeqAsked) {
        Arrays.sort(uids);
        if (useUids) {
            return new FoundMessages(uids, uids, modSeqAsked);
        }
        long[] known = new long[uids.length];
        long[] numbers = new long[uids.length];
        int count = 0;
        for (long uid : uids) {
            Optional<Integer> msn = selected.msn(MessageUid.of(uid)).asInt();
            if (msn.isPresent()) {
                known[count] = uid;
                numbers[count++] = msn.get();
            }
        }
        return new FoundMessages(Arrays.copyOf(known, count), Arrays.copyOf(numbers, count), modSeqAsked);
    }

    /** Every message the client was told of ({@code told} ascending, the nth with sequence number n + 1). */
    static FoundMessages ofTold(long[] told, boolean useUids) {
        if (useUids) {
            return new FoundMessages(told, told, false);
        }
        long[] numbers = new long[told.length];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = i + 1;
        }
        return new FoundMessages(told, numbers, false);
    }

    public long[] uids() {
        return uids;
    }

    /** The number of the {@code index}th UID. */
    public long numberAt(int index) {
        return numbers[index];
    }

    public boolean modSeqAsked() {
        return modSeqAsked;
    }
}
