package io.syncstore.backend.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.apache.james.core.Domain;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.model.Quota;
import org.apache.james.mailbox.model.Quota.Scope;
import org.apache.james.mailbox.model.QuotaOperation;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.QuotaManager.Quotas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;

class SyncStoreQuotaManagerTest {
    private static final Domain DOMAIN = Domain.of("example.org");
    private static final QuotaRoot ROOT = QuotaRoot.quotaRoot("#private&bob@example.org", Optional.of(DOMAIN));

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private SyncStoreMaxQuotaManager limits;
    private SyncStoreCurrentQuotaManager usage;
    private SyncStoreQuotaManager testee;

    @BeforeEach
    void setUp() {
        Database database = databases.open();
        limits = new SyncStoreMaxQuotaManager(database);
        usage = new SyncStoreCurrentQuotaManager(database);
        testee = new SyncStoreQuotaManager(database, limits);
    }

    @Test
    void aRootWithoutLimitsOrUsageIsUnlimitedAndEmpty() throws Exception {
        Quotas quotas = testee.getQuotas(ROOT);

        assertThat(quotas.getMessageQuota()).isEqualTo(Quota.<QuotaCountLimit, QuotaCountUsage>builder()
            .used(QuotaCountUsage.count(0)).computedLimit(QuotaCountLimit.unlimited()).build());
        assertThat(quotas.getStorageQuota()).isEqualTo(Quota.<QuotaSizeLimit, QuotaSizeUsage>builder()
            .used(QuotaSizeUsage.size(0)).computedLimit(QuotaSizeLimit.unlimited()).build());
    }

    /** Each resource's limit comes from the most specific scope that sets it; the usage is the root's own. */
    @Test
    void theLimitsOfEveryScopeAndTheUsageAreReadTogether() throws Exception {
        limits.setGlobalMaxMessage(QuotaCountLimit.count(100));
        limits.setDomainMaxMessage(DOMAIN, QuotaCountLimit.count(50));
        limits.setGlobalMaxStorage(QuotaSizeLimit.size(10_000));
        limits.setMaxStorage(ROOT, QuotaSizeLimit.size(2_000));
        usage.increase(new QuotaOperation(ROOT, QuotaCountUsage.count(3), QuotaSizeUsage.size(300))).block();

        Quotas quotas = testee.getQuotasReactive(ROOT).block();

        assertThat(quotas.getMessageQuota()).isEqualTo(Quota.<QuotaCountLimit, QuotaCountUsage>builder()
            .used(QuotaCountUsage.count(3))
            .computedLimit(QuotaCountLimit.count(50))
            .limitsByScope(Map.of(Scope.Global, QuotaCountLimit.count(100), Scope.Domain, QuotaCountLimit.count(50)))
            .build());
        assertThat(quotas.getStorageQuota()).isEqualTo(Quota.<QuotaSizeLimit, QuotaSizeUsage>builder()
            .used(QuotaSizeUsage.size(300))
            .computedLimit(QuotaSizeLimit.size(2_000))
            .limitsByScope(Map.of(Scope.Global, QuotaSizeLimit.size(10_000), Scope.User, QuotaSizeLimit.size(2_000)))
            .build());
        // Quota.equals compares the usage and the computed limit only
        assertThat(quotas.getMessageQuota().getLimitByScope())
            .isEqualTo(Map.of(Scope.Global, QuotaCountLimit.count(100), Scope.Domain, QuotaCountLimit.count(50)));
        assertThat(quotas.getStorageQuota().getLimitByScope())
            .isEqualTo(Map.of(Scope.Global, QuotaSizeLimit.size(10_000), Scope.User, QuotaSizeLimit.size(2_000)));
        assertThat(testee.getMessageQuota(ROOT)).isEqualTo(quotas.getMessageQuota());
        assertThat(testee.getMessageQuota(ROOT).getLimitByScope()).isEqualTo(quotas.getMessageQuota().getLimitByScope());
        assertThat(testee.getStorageQuota(ROOT)).isEqualTo(quotas.getStorageQuota());
        assertThat(testee.getStorageQuota(ROOT).getLimitByScope()).isEqualTo(quotas.getStorageQuota().getLimitByScope());
    }

    /** The usage and the limits are read in one statement: either may be missing while the other is there. */
    @Test
    void aUsageWithoutLimitsAndLimitsWithoutUsageAreEachToldAlone() throws Exception {
        QuotaRoot other = QuotaRoot.quotaRoot("#private&carol@example.org", Optional.of(DOMAIN));
        usage.increase(new QuotaOperation(ROOT, QuotaCountUsage.count(4), QuotaSizeUsage.size(400))).block();
        limits.setMaxMessage(other, QuotaCountLimit.count(7));

        Quotas withUsageOnly = testee.getQuotas(ROOT);
        Quotas withLimitOnly = testee.getQuotas(other);

        assertThat(withUsageOnly.getMessageQuota()).isEqualTo(Quota.<QuotaCountLimit, QuotaCountUsage>builder()
            .used(QuotaCountUsage.count(4)).computedLimit(QuotaCountLimit.unlimited()).build());
        assertThat(withUsageOnly.getStorageQuota().getUsed()).isEqualTo(QuotaSizeUsage.size(400));
        assertThat(withLimitOnly.getMessageQuota()).isEqualTo(Quota.<QuotaCountLimit, QuotaCountUsage>builder()
            .used(QuotaCountUsage.count(0)).computedLimit(QuotaCountLimit.count(7)).build());
        assertThat(withLimitOnly.getMessageQuota().getLimitByScope()).isEqualTo(Map.of(Scope.User, QuotaCountLimit.count(7)));
        assertThat(withLimitOnly.getStorageQuota()).isEqualTo(Quota.<QuotaSizeLimit, QuotaSizeUsage>builder()
            .used(QuotaSizeUsage.size(0)).computedLimit(QuotaSizeLimit.unlimited()).build());
    }

    /** A usage driven below zero (a lost count repaired later) is told as zero, as James's quota manager tells it. */
    @Test
    void aNegativeUsageIsToldAsZero() throws Exception {
        usage.decrease(new QuotaOperation(ROOT, QuotaCountUsage.count(2), QuotaSizeUsage.size(20))).block();

        Quotas quotas = testee.getQuotas(ROOT);

        assertThat(quotas.getMessageQuota().getUsed()).isEqualTo(QuotaCountUsage.count(0));
        assertThat(quotas.getStorageQuota().getUsed()).isEqualTo(QuotaSizeUsage.size(0));
    }
}
