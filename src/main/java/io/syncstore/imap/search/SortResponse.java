package io.syncstore.imap.search;

import java.util.List;

import org.apache.james.imap.api.message.response.ImapResponseMessage;

import com.google.common.collect.ImmutableList;

/** {@code * SORT n...}: message numbers or UIDs in sort order (RFC 5256 §4). */
public final class SortResponse implements ImapResponseMessage {
    private final List<Long> numbers;

    SortResponse(List<Long> numbers) {
        this.numbers = ImmutableList.copyOf(numbers);
    }

    List<Long> numbers() {
        return numbers;
    }
}
