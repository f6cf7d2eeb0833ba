package io.syncstore.imap.search;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.request.SearchOperation;
import org.apache.james.imap.api.message.request.SearchResultOption;
import org.apache.james.imap.message.request.SearchRequest;

/** A SEARCH whose RETURN options hold PARTIAL (RFC 9394 §3.1); its operation holds the other options. */
public final class PartialSearchRequest extends SearchRequest {
    private final PartialRange range;

    PartialSearchRequest(SearchOperation operation, boolean useUids, Tag tag, PartialRange range) {
        super(operation, useUids, tag);
        this.range = range;
    }

    PartialRange range() {
        return range;
    }

    boolean saves() {
        return getSearchOperation().getResultOptions().contains(SearchResultOption.SAVE);
    }

    /** What James's SEARCH is asked for this one: every match (ALL) with the other options, SAVE left to us. */
    SearchRequest everyMatch() {
        List<SearchResultOption> options = new ArrayList<>(getSearchOperation().getResultOptions());
        options.remove(SearchResultOption.SAVE);
        options.add(SearchResultOption.ALL);
        return new SearchRequest(new SearchOperation(getSearchOperation().getSearchKey(), options), isUseUids(), getTag());
    }
}
