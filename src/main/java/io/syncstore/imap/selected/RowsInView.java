package io.syncstore.imap.selected;

import java.util.BitSet;

/**
 * Rows of messages ascending by UID as one connection sees them at one moment: each row's sequence number (0 when the
 * connection was not told of the message) and whether the connection holds its \Recent.
 */
public final class RowsInView {
    private final int[] sequenceNumbers;
    private final BitSet recent;

    RowsInView(int[] sequenceNumbers, BitSet recent) {
        this.sequenceNumbers = sequenceNumbers;
        this.recent = recent;
    }

    public int sequenceNumber(int row) {
        return sequenceNumbers[row];
    }

    public boolean holdsRecent(int row) {
        return recent.get(row);
    }
}
