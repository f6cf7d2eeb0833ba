package io.syncstore.it.crash;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Date;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.model.ByteContent;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;

import com.google.common.hash.Hashing;

import io.syncstore.backend.SyncStoreMailboxSessionMapperFactory;
import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.jmap.SavedChangeAccounts;
import io.syncstore.backend.mail.SyncStoreMailboxMapper;
import io.syncstore.backend.mail.SyncStoreMessageMapper;
import io.syncstore.backend.model.SyncStoreMessageId;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;

/** The store as the crash test's writer and checker open it: a database folder, one mailbox, messages with a token. */
final class CrashTestStore implements AutoCloseable {
    static final MailboxPath INBOX = MailboxPath.forUser(Username.of("crash@example.com"), "INBOX");
    /** The quota root of {@link #INBOX}'s user, as James's {@code DefaultUserQuotaRootResolver} names it. */
    static final String QUOTA_ROOT = "#private&crash@example.com";
    private static final String HEADER_TEMPLATE = "From: writer@example.com\r\nSubject: %s\r\nMessage-ID: <%s@crash>\r\n\r\n";

    private final Database database;
    final SyncStoreMailboxMapper mailboxes;
    final SyncStoreMessageMapper messages;

    CrashTestStore(Path folder) {
        this.database = Database.open(SyncStoreConfiguration.builder()
            .databaseFile(folder.resolve("mail.db"))
            .syncPolicy(SyncPolicy.FULL)
            .build());
        SyncStoreMailboxSessionMapperFactory mappers = new SyncStoreMailboxSessionMapperFactory(database,
            new ContentStore(database), Clock.systemUTC(), new SavedChangeAccounts());
        this.mailboxes = (SyncStoreMailboxMapper) mappers.createMailboxMapper(null);
        this.messages = mappers.createMessageMapper(null);
    }

    Database database() {
        return database;
    }

    Mailbox inbox() {
        return mailboxes.findMailboxByPath(INBOX)
            .switchIfEmpty(mailboxes.create(INBOX, UidValidity.of(1)))
            .block();
    }

    static byte[] content(String token, int bodySize) {
        String header = String.format(HEADER_TEMPLATE, token, token);
        StringBuilder body = new StringBuilder(bodySize);
        while (body.length() < bodySize) {
            body.append(token).append(" lorem ipsum dolor sit amet\r\n");
        }
        return (header + body).getBytes(StandardCharsets.US_ASCII);
    }

    static SimpleMailboxMessage message(Mailbox mailbox, byte[] content) {
        MessageId messageId = new SyncStoreMessageId.Factory().generate();
        int bodyStart = new String(content, StandardCharsets.US_ASCII).indexOf("\r\n\r\n") + 4;
        return SimpleMailboxMessage.builder()
            .messageId(messageId)
            .threadId(ThreadId.fromBaseMessageId(messageId))
            .mailboxId(mailbox.getMailboxId())
            .internalDate(new Date())
            .size(content.length)
            .bodyStartOctet(bodyStart)
            .content(new ByteContent(content))
            .flags(new Flags())
            .properties(new PropertyBuilder())
            .build();
    }

    static String sha256(byte[] content) {
        return Hashing.sha256().hashBytes(content).toString();
    }

    @Override
    public void close() {
        database.close();
    }
}
