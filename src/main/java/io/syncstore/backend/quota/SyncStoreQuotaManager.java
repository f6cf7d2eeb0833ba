package io.syncstore.backend.quota;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.CurrentQuotas;
import org.apache.james.mailbox.model.Quota;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.MaxQuotaManager.QuotaDetails;
import org.apache.james.mailbox.quota.QuotaManager;

import com.google.common.collect.Lists;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.sql.QuotaSql;
import reactor.core.publisher.Mono;

/**
 * A quota root's limits and usage read together, in one statement: James's {@code StoreQuotaManager} reads them apart
 * (two borrows; its reactive form two reads at once, each handed to a thread of its own), and an APPEND reads them
 * once before its write and once more to tell the new usage.
 */
public final class SyncStoreQuotaManager implements QuotaManager {
    private final Database database;
    private final SyncStoreMaxQuotaManager limits;

    @Inject
    public SyncStoreQuotaManager(Database database, SyncStoreMaxQuotaManager limits) {
        this.database = database;
        this.limits = limits;
    }

    @Override
    public Quota<QuotaCountLimit, QuotaCountUsage> getMessageQuota(QuotaRoot quotaRoot) throws MailboxException {
        return getQuotas(quotaRoot).getMessageQuota();
    }

    @Override
    public Quota<QuotaSizeLimit, QuotaSizeUsage> getStorageQuota(QuotaRoot quotaRoot) throws MailboxException {
        return getQuotas(quotaRoot).getStorageQuota();
    }

    @Override
    public Quotas getQuotas(QuotaRoot quotaRoot) throws MailboxException {
        return database.read(quotasOf(quotaRoot));
    }

    @Override
    public Mono<Quotas> getQuotasReactive(QuotaRoot quotaRoot) {
        return database.readReactive(quotasOf(quotaRoot));
    }

    private SqlWork<Quotas> quotasOf(QuotaRoot quotaRoot) {
        Object[] parameters = Lists.asList(quotaRoot.getValue(), QuotaLimits.scopesOf(quotaRoot)).toArray();
        return connection -> {
            CurrentQuotas used = CurrentQuotas.emptyQuotas();
            List<QuotaLimits.StoredLimit> stored = new ArrayList<>();
            try (PreparedStatement statement = Sql.prepare(connection, QuotaSql.USAGE_AND_LIMITS, parameters);
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    used = SyncStoreCurrentQuotaManager.usageIn(rows);
                    if (rows.getString("resource") != null) {
                        stored.add(QuotaLimits.storedIn(rows));
                    }
                }
            }
            return quotas(limits.details(stored), used.sanitize());
        };
    }

    private Quotas quotas(QuotaDetails limitsOfRoot, CurrentQuotas used) {
        return new Quotas(
            Quota.<QuotaCountLimit, QuotaCountUsage>builder()
                .used(used.count())
                .computedLimit(limits.getMaxMessage(limitsOfRoot.getMaxMessageDetails()).orElse(QuotaCountLimit.unlimited()))
                .limitsByScope(limitsOfRoot.getMaxMessageDetails())
                .build(),
            Quota.<QuotaSizeLimit, QuotaSizeUsage>builder()
                .used(used.size())
                .computedLimit(limits.getMaxStorage(limitsOfRoot.getMaxStorageDetails()).orElse(QuotaSizeLimit.unlimited()))
                .limitsByScope(limitsOfRoot.getMaxStorageDetails())
                .build());
    }
}
