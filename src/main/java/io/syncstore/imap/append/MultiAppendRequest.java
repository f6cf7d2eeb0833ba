package io.syncstore.imap.append;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.message.request.AbstractImapRequest;

import com.google.common.collect.ImmutableList;

/** An APPEND of several messages (RFC 3502): all of them are stored, or none. */
public class MultiAppendRequest extends AbstractImapRequest implements Closeable {
    private final String mailboxName;
    private final List<AppendedMessage> messages;

    public MultiAppendRequest(Tag tag, String mailboxName, List<AppendedMessage> messages) {
        super(tag, ImapConstants.APPEND_COMMAND);
        this.mailboxName = mailboxName;
        this.messages = ImmutableList.copyOf(messages);
    }

    public String mailboxName() {
        return mailboxName;
    }

    public List<AppendedMessage> messages() {
        return messages;
    }

    /** Releases the literals (a command spooled to a file holds it until then). */
    @Override
    public void close() throws IOException {
        AppendedMessage.release(messages);
    }
}
