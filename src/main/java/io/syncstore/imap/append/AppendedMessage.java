package io.syncstore.imap.append;

import java.util.Date;

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
}
