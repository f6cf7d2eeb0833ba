package io.syncstore.imap.fetch;

import java.util.List;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.message.request.FetchRequest;

/**
 * A FETCH or UID FETCH with the items James's {@link FetchData} has no place for: BINARY sections (RFC 3516) and
 * PREVIEW (RFC 8970). A plain {@link FetchRequest} (as NOTIFY sends) is one without them.
 */
public final class ExtendedFetchRequest extends FetchRequest {
    private final List<BinarySection> binarySections;
    private final boolean preview;
    private final boolean binarySetsSeen;

    ExtendedFetchRequest(boolean useUids, IdRange[] idSet, FetchData fetch, Tag tag,
                         List<BinarySection> binarySections, boolean binarySetsSeen, boolean preview) {
        super(useUids, idSet, fetch, tag);
        this.binarySections = List.copyOf(binarySections);
        this.binarySetsSeen = binarySetsSeen;
        this.preview = preview;
    }

    List<BinarySection> binarySections() {
        return binarySections;
    }

    boolean binarySetsSeen() {
        return binarySetsSeen;
    }

    boolean preview() {
        return preview;
    }
}
