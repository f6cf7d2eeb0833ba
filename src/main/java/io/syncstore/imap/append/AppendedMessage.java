package io.syncstore.imap.append;

import java.io.Closeable;
import java.io.IOException;
import java.util.Date;
import java.util.List;

import javax.mail.Flags;

import org.apache.james.imap.message.Literal;

/** One message of an APPEND: its flags, internal date and octets, as the client sent them. */
public final class AppendedMessage {
    private final Flags flags;
    private final Date internalDate;
    private final Literal content;

    public AppendedMessage(Flags flags, Date internalDate, Literal content) {
        this.flags = flags;
        this.internalDate = internalDate;
        this.content = content;
    }

    public Flags flags() {
        return flags;
    }

    public Date internalDate() {
        return internalDate;
    }

    public Literal content() {
        return content;
    }

    /**
     * Deletes the file that holds these messages' octets, if James's reader spooled their command to one: its
     * literals all read that one file, and closing any of them deletes it (closing a second one would fail).
     */
    static void release(List<AppendedMessage> messages) throws IOException {
        for (AppendedMessage message : messages) {
            if (message.content() instanceof Closeable) {
                ((Closeable) message.content()).close();
                return;
            }
        }
    }
}
