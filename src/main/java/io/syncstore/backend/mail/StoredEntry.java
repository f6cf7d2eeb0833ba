package io.syncstore.backend.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Date;
import java.util.Optional;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.ComposedMessageIdWithMetaData;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.ThreadId;

import io.syncstore.backend.model.SyncStoreMailboxId;

/** A mailbox entry with the identity, size and dates of its message: what James's metadata types carry. */
final class StoredEntry {
    private final SyncStoreMailboxId mailboxId;
    private final MessageUid uid;
    private final ModSeq modSeq;
    private final Flags flags;
    private final Date saveDate;
    private final long messagePk;
    private final MessageId messageId;
    private final ThreadId threadId;
    private final Date internalDate;
    private final long size;

    private StoredEntry(SyncStoreMailboxId mailboxId, MessageUid uid, ModSeq modSeq, Flags flags, Date saveDate,
                        long messagePk, MessageId messageId, ThreadId threadId, Date internalDate, long size) {
        this.mailboxId = mailboxId;
        this.uid = uid;
        this.modSeq = modSeq;
        this.flags = flags;
        this.saveDate = saveDate;
        this.messagePk = messagePk;
        this.messageId = messageId;
        this.threadId = threadId;
        this.internalDate = internalDate;
        this.size = size;
    }

    static StoredEntry read(ResultSet row) throws SQLException {
        return new StoredEntry(
            SyncStoreMailboxId.of(row.getLong("mailbox_id")),
            MessageUid.of(row.getLong("uid")),
            ModSeq.of(row.getLong("modseq")),
            StoredFlags.read(row),
            new Date(row.getLong("save_date")),
            row.getLong("message_pk"),
            MessageIdColumn.read(row.getString("message_id")),
            ThreadId.fromBaseMessageId(MessageIdColumn.read(row.getString("thread_id"))),
            new Date(row.getLong("internal_date")),
            row.getLong("size"));
    }

    StoredEntry withFlags(Flags newFlags, ModSeq newModSeq) {
        return new StoredEntry(mailboxId, uid, newModSeq, newFlags, saveDate, messagePk, messageId, threadId, internalDate, size);
    }

    SyncStoreMailboxId mailboxId() {
        return mailboxId;
    }

    MessageUid uid() {
        return uid;
    }

    ModSeq modSeq() {
        return modSeq;
    }

    Flags flags() {
        return new Flags(flags);
    }

    Date saveDate() {
        return saveDate;
    }

    long messagePk() {
        return messagePk;
    }

    MessageId messageId() {
        return messageId;
    }

    ThreadId threadId() {
        return threadId;
    }

    Date internalDate() {
        return internalDate;
    }

    long size() {
        return size;
    }

    MessageMetaData metaData() {
        return new MessageMetaData(uid, modSeq, flags(), size, internalDate, Optional.of(saveDate), messageId, threadId);
    }

    ComposedMessageIdWithMetaData composedMetaData() {
        return ComposedMessageIdWithMetaData.builder()
            .composedMessageId(new ComposedMessageId(mailboxId, messageId, uid))
            .flags(flags())
            .modSeq(modSeq)
            .threadId(threadId)
            .build();
    }
}
