package io.syncstore.imap.notify;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.message.request.AbstractImapRequest;

/** {@code NOTIFY NONE} (spec {@link NotifySpec#NONE}) or {@code NOTIFY SET [STATUS] ...}. */
public class NotifyRequest extends AbstractImapRequest {
    public static final ImapCommand COMMAND = ImapCommand.authenticatedStateCommand("NOTIFY");

    private final NotifySpec spec;
    private final boolean status;

    public NotifyRequest(Tag tag, NotifySpec spec, boolean status) {
        super(tag, COMMAND);
        this.spec = spec;
        this.status = status;
    }

    public NotifySpec getSpec() {
        return spec;
    }

    public boolean isStatus() {
        return status;
    }

    public boolean isNone() {
        return spec.isNone();
    }
}
