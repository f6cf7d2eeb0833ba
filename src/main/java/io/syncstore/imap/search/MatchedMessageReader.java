package io.syncstore.imap.search;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MessageResult;

/** What a command keeps of each message its search keys match, read from the message's headers. */
@FunctionalInterface
public interface MatchedMessageReader<M> {
    /** {@code number} is what the response carries: the UID or the message sequence number. */
    M read(long number, MessageResult message) throws MailboxException;
}
