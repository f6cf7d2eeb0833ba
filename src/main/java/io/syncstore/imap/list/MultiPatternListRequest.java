package io.syncstore.imap.list;

import java.util.List;

import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.message.request.AbstractImapRequest;
import org.apache.james.imap.message.request.ListRequest;

import com.google.common.collect.ImmutableList;

/** {@code LIST ... (pattern1 pattern2 ...)} (RFC 5258 §3): one {@link ListRequest} per pattern, answered together. */
public class MultiPatternListRequest extends AbstractImapRequest {
    private final List<ListRequest> patterns;

    public MultiPatternListRequest(Tag tag, List<ListRequest> patterns) {
        super(tag, ImapConstants.LIST_COMMAND);
        this.patterns = ImmutableList.copyOf(patterns);
    }

    public List<ListRequest> getPatterns() {
        return patterns;
    }
}
