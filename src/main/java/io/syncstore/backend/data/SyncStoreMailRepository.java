package io.syncstore.backend.data;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.Mail;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.sql.MailRepositorySql;

/**
 * A mail repository (errored mail, ...) named by its URL; storing a key again replaces the mail. James's Guice
 * loader injects the URL; {@link SyncStoreMailRepositoryFactory} serves the factory-based loader.
 */
public class SyncStoreMailRepository implements MailRepository {
    private final Database database;
    private final SpooledMails spooledMails;
    private final String repository;

    @Inject
    public SyncStoreMailRepository(Database database, SpooledMails spooledMails, MailRepositoryUrl url) {
        this.database = database;
        this.spooledMails = spooledMails;
        this.repository = url.asString();
    }

    @Override
    public long size() throws MessagingException {
        return read(connection -> Sql.count(connection, MailRepositorySql.COUNT_ENTRIES, repository));
    }

    @Override
    public MailKey store(Mail mail) throws MessagingException {
        MailKey key = MailKey.forMail(mail);
        PreparedMail prepared = spooledMails.prepare(mail);
        write(connection -> {
            Optional<Long> replaced = Sql.first(connection, MailRepositorySql.FIND_MAIL_ID,
                row -> row.getLong(1), repository, key.asString());
            long mailId = spooledMails.insert(connection, prepared);
            Sql.update(connection, MailRepositorySql.UPSERT_ENTRY, repository, key.asString(), mailId);
            if (replaced.isPresent()) {
                spooledMails.delete(connection, replaced.get());
            }
            return null;
        });
        return key;
    }

    @Override
    public Iterator<MailKey> list() throws MessagingException {
        return read(connection -> Sql.list(connection, MailRepositorySql.LIST_KEYS,
            row -> new MailKey(row.getString(1)), repository)).iterator();
    }

    @Override
    public Mail retrieve(MailKey key) throws MessagingException {
        return read(connection -> Sql.first(connection, MailRepositorySql.RETRIEVE, spooledMails::toMail,
            repository, key.asString())).orElse(null);
    }

    @Override
    public void remove(MailKey key) throws MessagingException {
        remove(List.of(key));
    }

    @Override
    public void remove(Collection<MailKey> keys) throws MessagingException {
        write(connection -> {
            for (MailKey key : keys) {
                Optional<Long> mailId = Sql.first(connection, MailRepositorySql.DELETE_ENTRY,
                    row -> row.getLong(1), repository, key.asString());
                if (mailId.isPresent()) {
                    spooledMails.delete(connection, mailId.get());
                }
            }
            return null;
        });
    }

    @Override
    public void removeAll() throws MessagingException {
        write(connection -> {
            for (long mailId : Sql.list(connection, MailRepositorySql.DELETE_ALL_ENTRIES, row -> row.getLong(1), repository)) {
                spooledMails.delete(connection, mailId);
            }
            return null;
        });
    }

    private <T> T read(SqlWork<T> work) throws MessagingException {
        try {
            return database.read(work);
        } catch (MailboxException e) {
            throw new MessagingException("Cannot read mail repository " + repository + ": " + e.getMessage(), e);
        }
    }

    private void write(SqlWork<Void> work) throws MessagingException {
        try {
            database.write(work);
        } catch (MailboxException e) {
            throw new MessagingException("Cannot change mail repository " + repository + ": " + e.getMessage(), e);
        }
    }
}
