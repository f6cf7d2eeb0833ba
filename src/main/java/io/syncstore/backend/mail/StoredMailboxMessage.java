package io.syncstore.backend.mail;

import java.util.Date;
import java.util.List;
import java.util.Optional;

import javax.mail.Flags;

import org.apache.james.mailbox.model.Content;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageAttachmentMetadata;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.Properties;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;

/**
 * A message read from the store. James's {@link SimpleMailboxMessage#copy(Mailbox)} reads the whole content into
 * memory (the message id manager copies that way); a copy of this one shares the content, still read on demand.
 */
final class StoredMailboxMessage extends SimpleMailboxMessage {
    private final Content content;

    StoredMailboxMessage(MessageId messageId, ThreadId threadId, Date internalDate, long size, int bodyStartOctet,
                         Content content, Flags flags, Properties properties, MailboxId mailboxId,
                         List<MessageAttachmentMetadata> attachments, Optional<Date> saveDate) {
        super(messageId, threadId, internalDate, size, bodyStartOctet, content, flags, properties, mailboxId, attachments, saveDate);
        this.content = content;
    }

    @Override
    public MailboxMessage copy(Mailbox mailbox) {
        return new StoredMailboxMessage(getMessageId(), getThreadId(), getInternalDate(), getFullContentOctets(),
            (int) getHeaderOctets(), content, createFlags(), getProperties(), mailbox.getMailboxId(), getAttachments(),
            getSaveDate());
    }
}
