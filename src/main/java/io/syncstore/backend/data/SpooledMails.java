package io.syncstore.backend.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Date;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;

import com.google.common.collect.ObjectArrays;

import io.syncstore.backend.content.ContentStore;
import io.syncstore.backend.content.PreparedContent;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.SpooledMailSql;

/**
 * James mails held by queues and mail repositories: the envelope in a {@code spooled_mail} row, the MIME content
 * in the content store. Reading a mail back gives a {@link MimeMessageWrapper} that streams its content on demand.
 */
public class SpooledMails {
    private final ContentStore contentStore;

    @Inject
    public SpooledMails(ContentStore contentStore) {
        this.contentStore = contentStore;
    }

    /** Serialises the mail and stores its content durably; call outside any write. */
    public PreparedMail prepare(Mail mail) throws MessagingException {
        Object[] envelope = {
            mail.getName(),
            mail.getState(),
            mail.getErrorMessage(),
            mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse(null),
            MailJson.recipients(mail.getRecipients()),
            mail.getRemoteHost(),
            mail.getRemoteAddr(),
            Optional.ofNullable(mail.getLastUpdated()).map(Date::getTime).orElse(null),
            MailJson.attributes(mail),
            MailJson.perRecipientHeaders(mail.getPerRecipientSpecificHeaders())
        };
        try {
            return new PreparedMail(envelope, contentStore.prepare(contentOf(mail)));
        } catch (MailboxException e) {
            throw new MessagingException("Cannot store mail " + mail.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Inserts the prepared mail and returns its id; call inside a write. */
    public long insert(Connection connection, PreparedMail mail) throws SQLException {
        PreparedContent content = mail.content();
        contentStore.reference(connection, content);
        Object[] parameters = ObjectArrays.concat(mail.envelopeColumns(), new Object[] {content.hash(), content.size()}, Object.class);
        return Sql.first(connection, SpooledMailSql.INSERT, row -> row.getLong(1), parameters).orElseThrow();
    }

    /** Deletes the mail and releases its content; call inside a write. */
    public void delete(Connection connection, long mailId) throws SQLException {
        Optional<String> contentHash = Sql.first(connection, SpooledMailSql.DELETE, row -> row.getString(1), mailId);
        if (contentHash.isPresent()) {
            contentStore.release(connection, contentHash.get());
        }
    }

    public Optional<Mail> find(Connection connection, long mailId) throws SQLException {
        return Sql.first(connection, SpooledMailSql.FIND, this::toMail, mailId);
    }

    /** Reads a mail from a row holding {@link SpooledMailSql#MAIL_COLUMNS}. */
    public Mail toMail(ResultSet row) throws SQLException {
        try {
            MailImpl.Builder mail = MailImpl.builder()
                .name(row.getString("name"))
                .state(row.getString("state"))
                .errorMessage(row.getString("error_message"))
                .sender(Optional.ofNullable(row.getString("sender")).map(MaybeSender::getMailSender).orElse(MaybeSender.nullSender()))
                .addRecipients(MailJson.recipients(row.getString("recipients")))
                .remoteHost(row.getString("remote_host"))
                .remoteAddr(row.getString("remote_addr"))
                .addAttributes(MailJson.attributes(row.getString("attributes")))
                .addAllHeadersForRecipients(MailJson.perRecipientHeaders(row.getString("per_recipient_headers")))
                .mimeMessage(new MimeMessageWrapper(new StoredContentSource(contentStore,
                    row.getString("content_hash"), row.getLong("content_size"))));
            Sql.optionalLong(row, "last_updated").map(Date::new).ifPresent(mail::lastUpdated);
            return mail.build();
        } catch (IOException | MessagingException e) {
            throw new SQLException("Spooled mail " + row.getLong("mail_id") + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static InputStream contentOf(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        if (message == null) {
            return new ByteArrayInputStream(new byte[0]);
        }
        return new MimeMessageInputStream(message);
    }
}
