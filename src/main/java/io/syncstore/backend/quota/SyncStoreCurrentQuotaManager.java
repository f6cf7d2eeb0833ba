package io.syncstore.backend.quota;

import java.sql.ResultSet;
import java.sql.SQLException;

import javax.inject.Inject;

import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.model.CurrentQuotas;
import org.apache.james.mailbox.model.QuotaOperation;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.CurrentQuotaManager;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.sql.QuotaSql;
import reactor.core.publisher.Mono;

/** Usage per quota root, kept up to date by James's quota listener; a root never counted has an empty usage. */
public final class SyncStoreCurrentQuotaManager implements CurrentQuotaManager {
    private final Database database;

    @Inject
    public SyncStoreCurrentQuotaManager(Database database) {
        this.database = database;
    }

    @Override
    public Mono<QuotaCountUsage> getCurrentMessageCount(QuotaRoot quotaRoot) {
        return getCurrentQuotas(quotaRoot).map(CurrentQuotas::count);
    }

    @Override
    public Mono<QuotaSizeUsage> getCurrentStorage(QuotaRoot quotaRoot) {
        return getCurrentQuotas(quotaRoot).map(CurrentQuotas::size);
    }

    @Override
    public Mono<CurrentQuotas> getCurrentQuotas(QuotaRoot quotaRoot) {
        return database.readReactive(usageOf(quotaRoot));
    }

    SqlWork<CurrentQuotas> usageOf(QuotaRoot quotaRoot) {
        return connection -> Sql.first(connection, QuotaSql.USAGE, SyncStoreCurrentQuotaManager::usageIn, quotaRoot.getValue())
            .orElse(CurrentQuotas.emptyQuotas());
    }

    /** The usage of a row with the columns message_count and storage_bytes; empty when they are NULL. */
    static CurrentQuotas usageIn(ResultSet row) throws SQLException {
        return new CurrentQuotas(QuotaCountUsage.count(row.getLong("message_count")), QuotaSizeUsage.size(row.getLong("storage_bytes")));
    }

    @Override
    public Mono<Void> increase(QuotaOperation operation) {
        return add(operation.quotaRoot(), operation.count().asLong(), operation.size().asLong());
    }

    @Override
    public Mono<Void> decrease(QuotaOperation operation) {
        return add(operation.quotaRoot(), -operation.count().asLong(), -operation.size().asLong());
    }

    @Override
    public Mono<Void> setCurrentQuotas(QuotaOperation operation) {
        return database.writeReactive(connection -> Sql.update(connection, QuotaSql.SET_USAGE,
                operation.quotaRoot().getValue(), operation.count().asLong(), operation.size().asLong()))
            .then();
    }

    private Mono<Void> add(QuotaRoot quotaRoot, long count, long size) {
        return database.writeReactive(connection -> Sql.update(connection, QuotaSql.ADD_USAGE,
                quotaRoot.getValue(), count, size))
            .then();
    }
}
