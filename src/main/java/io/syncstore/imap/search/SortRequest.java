package io.syncstore.imap.search;

import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.request.SearchResultOption;

import com.google.common.collect.ImmutableList;

/**
 * {@code [UID] SORT [RETURN (options)] (criteria) charset search-key...}. Result options (ESORT, RFC 5267; PARTIAL,
 * RFC 9394) make the answer an ESEARCH response; none make it a SORT response.
 */
public final class SortRequest extends SearchedRequest {
    static final ImapCommand COMMAND = ImapCommand.selectedStateCommand("SORT");

    private final List<SortCriterion> criteria;
    private final Optional<ResultOptions> resultOptions;

    SortRequest(Tag tag, List<SortCriterion> criteria, SearchKey searchKey, boolean useUids,
                Optional<ResultOptions> resultOptions) {
        super(tag, COMMAND, searchKey, useUids);
        this.criteria = ImmutableList.copyOf(criteria);
        this.resultOptions = resultOptions;
    }

    List<SortCriterion> criteria() {
        return criteria;
    }

    /** Without PARTIAL. */
    List<SearchResultOption> resultOptions() {
        return resultOptions.map(ResultOptions::options).orElse(List.of());
    }

    Optional<PartialRange> partial() {
        return resultOptions.flatMap(ResultOptions::partial);
    }

    boolean extended() {
        return resultOptions.isPresent();
    }
}
