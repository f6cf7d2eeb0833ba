package io.syncstore.backend.data;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.domainlist.lib.AbstractDomainList;
import org.apache.james.mailbox.exception.MailboxException;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.sql.DomainSql;

/** The domains this server serves; auto-detection and the default domain come from {@link AbstractDomainList}. */
public class SyncStoreDomainList extends AbstractDomainList {
    private final Database database;

    @Inject
    public SyncStoreDomainList(DNSService dns, Database database) {
        super(dns);
        this.database = database;
    }

    @Override
    protected List<Domain> getDomainListInternal() throws DomainListException {
        return read(connection -> Sql.list(connection, DomainSql.LIST, row -> Domain.of(row.getString(1))));
    }

    @Override
    protected boolean containsDomainInternal(Domain domain) throws DomainListException {
        return read(connection -> Sql.count(connection, DomainSql.COUNT_NAMED, domain.asString()) > 0);
    }

    @Override
    public void addDomain(Domain domain) throws DomainListException {
        if (write(connection -> Sql.update(connection, DomainSql.INSERT, domain.asString())) == 0) {
            throw new DomainListException(domain.name() + " already exists.");
        }
    }

    @Override
    protected void doRemoveDomain(Domain domain) throws DomainListException {
        if (write(connection -> Sql.update(connection, DomainSql.DELETE, domain.asString())) == 0) {
            throw new DomainListException(domain.name() + " was not found");
        }
    }

    private <T> T read(SqlWork<T> work) throws DomainListException {
        try {
            return database.read(work);
        } catch (MailboxException e) {
            throw new DomainListException("Cannot read the domain list: " + e.getMessage(), e);
        }
    }

    private <T> T write(SqlWork<T> work) throws DomainListException {
        try {
            return database.write(work);
        } catch (MailboxException e) {
            throw new DomainListException("Cannot change the domain list: " + e.getMessage(), e);
        }
    }
}
