package io.syncstore.imap.search;

import io.syncstore.api.SortingFields;

/** What a command keeps of each message its search keys match. */
@FunctionalInterface
public interface MatchedMessageReader<M> {
    /** {@code number} is what the response carries: the UID or the message sequence number. */
    M read(long number, SortingFields fields);
}
