package io.syncstore.backend.data;

import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.mailrepository.api.MailRepositoryUrlStore;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.MailRepositorySql;

/** The URLs of the mail repositories created so far, so that they are listed again after a restart. */
public class SyncStoreMailRepositoryUrlStore implements MailRepositoryUrlStore {
    private final Database database;

    @Inject
    public SyncStoreMailRepositoryUrlStore(Database database) {
        this.database = database;
    }

    @Override
    public void add(MailRepositoryUrl url) {
        try {
            database.write(connection -> Sql.update(connection, MailRepositorySql.ADD_URL, url.asString()));
        } catch (MailboxException e) {
            throw new IllegalStateException("Cannot record mail repository " + url.asString() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Stream<MailRepositoryUrl> listDistinct() {
        try {
            return database.read(connection -> Sql.list(connection, MailRepositorySql.LIST_URLS,
                row -> MailRepositoryUrl.from(row.getString(1)))).stream();
        } catch (MailboxException e) {
            throw new IllegalStateException("Cannot list mail repositories: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean contains(MailRepositoryUrl url) {
        try {
            return database.read(connection -> Sql.count(connection, MailRepositorySql.COUNT_URL, url.asString()) > 0);
        } catch (MailboxException e) {
            throw new IllegalStateException("Cannot read mail repositories: " + e.getMessage(), e);
        }
    }
}
