package io.syncstore.backend.mail;

import java.util.Date;
import java.util.List;

import org.apache.james.mailbox.model.MessageAttachmentMetadata;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ThreadId;

import io.syncstore.backend.content.PreparedContent;

/** A new message read and its body made durable outside the write that will store it. */
final class PreparedMessage {
    private final MessageId messageId;
    private final ThreadId threadId;
    private final Date internalDate;
    private final byte[] header;
    private final PreparedContent body;
    private final Long textualLineCount;
    private final String mimeProperties;
    private final List<MessageAttachmentMetadata> attachments;
    private final byte[] summary;
    private final List<Object> sortingValues;

    PreparedMessage(MessageId messageId, ThreadId threadId, Date internalDate, byte[] header, PreparedContent body,
                    Long textualLineCount, String mimeProperties, List<MessageAttachmentMetadata> attachments,
                    byte[] summary, List<Object> sortingValues) {
        this.messageId = messageId;
        this.threadId = threadId;
        this.internalDate = internalDate;
        this.header = header;
        this.body = body;
        this.textualLineCount = textualLineCount;
        this.mimeProperties = mimeProperties;
        this.attachments = attachments;
        this.summary = summary;
        this.sortingValues = sortingValues;
    }

    MessageId messageId() {
        return messageId;
    }

    ThreadId threadId() {
        return threadId;
    }

    /** The same message in the thread its write found for it. */
    PreparedMessage inThread(ThreadId thread) {
        return new PreparedMessage(messageId, thread, internalDate, header, body, textualLineCount, mimeProperties,
            attachments, summary, sortingValues);
    }

    Date internalDate() {
        return internalDate;
    }

    byte[] header() {
        return header;
    }

    PreparedContent body() {
        return body;
    }

    long size() {
        return header.length + body.size();
    }

    Long textualLineCount() {
        return textualLineCount;
    }

    String mimeProperties() {
        return mimeProperties;
    }

    List<MessageAttachmentMetadata> attachments() {
        return attachments;
    }

    /** The message's {@code io.syncstore.mime.MessageSummary}, null when it was too large to summarise here. */
    byte[] summary() {
        return summary;
    }

    /** The values of the columns SORT and THREAD read ({@code SortingColumns#values}), worked out before the write. */
    List<Object> sortingValues() {
        return sortingValues;
    }
}
