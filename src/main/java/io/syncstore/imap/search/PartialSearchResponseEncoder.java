package io.syncstore.imap.search;

import java.io.IOException;
import java.util.List;

import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.request.SearchResultOption;
import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;
import org.apache.james.imap.message.response.ESearchResponse;

/**
 * {@code * ESEARCH (TAG "t") [UID] [MIN n] [MAX n] PARTIAL (range set-or-NIL) [COUNT n] [MODSEQ n]} (RFC 9394 §4). The
 * order of the items is free (RFC 4731 §3.1); this is Dovecot's.
 */
public class PartialSearchResponseEncoder implements ImapResponseEncoder<PartialSearchResponse> {
    @Override
    public Class<PartialSearchResponse> acceptableMessages() {
        return PartialSearchResponse.class;
    }

    @Override
    public void encode(PartialSearchResponse response, ImapResponseComposer composer) throws IOException {
        ESearchResponse items = response.items();
        List<SearchResultOption> options = items.getSearchResultOptions();
        composer.untagged().message("ESEARCH").openParen().message("TAG").quote(items.getTag().asString()).closeParen();
        if (items.getUseUid()) {
            composer.message("UID");
        }
        if (options.contains(SearchResultOption.MIN) && items.getMinUid() > 0) {
            composer.message("MIN").message(items.getMinUid());
        }
        if (options.contains(SearchResultOption.MAX) && items.getMaxUid() > 0) {
            composer.message("MAX").message(items.getMaxUid());
        }
        composer.message("PARTIAL").openParen().message(response.range().toString());
        IdRange[] partial = response.partial();
        if (partial.length == 0) {
            composer.nil();
        } else {
            composer.sequenceSet(partial);
        }
        composer.closeParen();
        if (options.contains(SearchResultOption.COUNT)) {
            composer.message("COUNT").message(items.getCount());
        }
        if (items.getHighestModSeq() != null) {
            composer.message("MODSEQ").message(items.getHighestModSeq().asLong());
        }
        composer.end();
    }
}
