package io.syncstore.imap.list;

import java.util.List;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.message.request.AbstractImapRequest;
import org.apache.james.imap.message.request.ListRequest;

import com.google.common.collect.ImmutableList;

/**
 * {@code LIST ... (pattern1 pattern2 ...)} (RFC 5258 §3): one {@link ListRequest} per pattern, answered together. A
 * LIST or LSUB whose reference or pattern can match nothing is one of no pattern.
 */
public class MultiPatternListRequest extends AbstractImapRequest {
    private final List<ListRequest> patterns;

    public MultiPatternListRequest(Tag tag, ImapCommand command, List<ListRequest> patterns) {
        super(tag, command);
        this.patterns = ImmutableList.copyOf(patterns);
    }

    public List<ListRequest> getPatterns() {
        return patterns;
    }
}
