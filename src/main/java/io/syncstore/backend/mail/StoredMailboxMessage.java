package io.syncstore.backend.mail;

import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

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

import com.google.common.base.Suppliers;

/**
 * A message read from the store. James's {@link SimpleMailboxMessage#copy(Mailbox)} reads the whole content into
 * memory (the message id manager copies that way); a copy of this one shares the content, still read on demand.
 * Its MIME properties (a JSON column) are parsed, and its attachments read, only if asked for: most reads (flags,
 * FETCH, SEARCH) never need them.
 */
final class StoredMailboxMessage extends SimpleMailboxMessage {
    private final Content content;
    private final Supplier<Properties> properties;
    private final Supplier<List<MessageAttachmentMetadata>> attachments;

    StoredMailboxMessage(MessageId messageId, ThreadId threadId, Date internalDate, long size, int bodyStartOctet,
                         Content content, Flags flags, Supplier<Properties> properties, Long textualLineCount,
                         MailboxId mailboxId, Supplier<List<MessageAttachmentMetadata>> attachments, Optional<Date> saveDate) {
        super(messageId, threadId, internalDate, size, bodyStartOctet, content, flags,
            new Properties(List.of(), textualLineCount), mailboxId, List.of(), saveDate);
        this.content = content;
        this.properties = Suppliers.memoize(properties::get);
        this.attachments = Suppliers.memoize(attachments::get);
    }

    @Override
    public List<MessageAttachmentMetadata> getAttachments() {
        return attachments.get();
    }

    @Override
    public Properties getProperties() {
        return properties.get();
    }

    @Override
    public String getMediaType() {
        return getProperties().getMediaType();
    }

    @Override
    public String getSubType() {
        return getProperties().getSubType();
    }

    @Override
    public MailboxMessage copy(Mailbox mailbox) {
        return new StoredMailboxMessage(getMessageId(), getThreadId(), getInternalDate(), getFullContentOctets(),
            (int) getHeaderOctets(), content, createFlags(), properties, getTextualLineCount(), mailbox.getMailboxId(),
            attachments, getSaveDate());
    }
}
