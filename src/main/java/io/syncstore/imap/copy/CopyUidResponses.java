package io.syncstore.imap.copy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.UidValidity;

import com.google.common.collect.ImmutableList;

/**
 * COPYUID (RFC 4315 §3) names the source messages by UID. James 3.8.1 puts the request's own set there: sequence
 * numbers for COPY/MOVE without UID, and "*" or ranges with holes as sent. These helpers build it from the UIDs that
 * were actually found in the source mailbox.
 */
final class CopyUidResponses {
    private CopyUidResponses() {
    }

    static IdRange[] asRanges(List<MessageUid> uids) {
        List<IdRange> ranges = new ArrayList<>();
        for (MessageUid uid : uids) {
            ranges.add(new IdRange(uid.asLong()));
        }
        return IdRange.mergeRanges(ranges).toArray(IdRange[]::new);
    }

    static IdRange[] fromMessageRanges(List<MessageRange> ranges) {
        return IdRange.mergeRanges(ranges.stream().filter(Objects::nonNull).map(IdRange::from)
            .collect(ImmutableList.toImmutableList())).toArray(IdRange[]::new);
    }

    static StatusResponse.ResponseCode copyUid(UidValidity uidValidity, List<MessageUid> sources, List<MessageRange> targets) {
        return StatusResponse.ResponseCode.copyUid(uidValidity, asRanges(sources), fromMessageRanges(targets));
    }

}
