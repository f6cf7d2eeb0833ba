package io.syncstore.imap.append;

import java.io.Closeable;
import java.io.IOException;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.message.request.AbstractImapRequest;

/** REPLACE and UID REPLACE (RFC 8508): one message of the selected mailbox replaced by a new one, maybe elsewhere. */
public class ReplaceRequest extends AbstractImapRequest implements Closeable {
    static final ImapCommand REPLACE = ImapCommand.selectedStateCommand("REPLACE");

    private final long replaced;
    private final boolean useUid;
    private final String mailboxName;
    private final AppendedMessage message;

    public ReplaceRequest(Tag tag, long replaced, boolean useUid, String mailboxName, AppendedMessage message) {
        super(tag, REPLACE);
        this.replaced = replaced;
        this.useUid = useUid;
        this.mailboxName = mailboxName;
        this.message = message;
    }

    /** The sequence number, or with {@link #useUid()} the UID, of the message replaced. */
    public long replaced() {
        return replaced;
    }

    public boolean useUid() {
        return useUid;
    }

    public String mailboxName() {
        return mailboxName;
    }

    public AppendedMessage message() {
        return message;
    }

    @Override
    public void close() throws IOException {
        if (message.content() instanceof Closeable) {
            ((Closeable) message.content()).close();
        }
    }
}
