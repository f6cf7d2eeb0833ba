package io.syncstore.backend.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Optional;

import org.apache.james.core.Domain;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.mailbox.model.Quota.Scope;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.apache.james.mailbox.store.quota.GenericMaxQuotaManagerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import reactor.core.publisher.Mono;

class SyncStoreMaxQuotaManagerTest extends GenericMaxQuotaManagerTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @Override
    protected MaxQuotaManager provideMaxQuotaManager() {
        return new SyncStoreMaxQuotaManager(databases.open());
    }

    @Test
    void unlimitedIsALimitOfItsOwnThatOverridesWiderScopes() throws Exception {
        maxQuotaManager.setGlobalMaxMessage(QuotaCountLimit.count(10));
        maxQuotaManager.setMaxMessage(QUOTA_ROOT, QuotaCountLimit.unlimited());

        assertThat(maxQuotaManager.getMaxMessage(QUOTA_ROOT)).contains(QuotaCountLimit.unlimited());
    }

    @Test
    void aQuotaRootWithoutDomainGetsNoDomainLimit() throws Exception {
        QuotaRoot withoutDomain = QuotaRoot.quotaRoot("benwa", Optional.empty());
        maxQuotaManager.setDomainMaxStorage(Domain.of("domain"), QuotaSizeLimit.size(10));
        maxQuotaManager.setGlobalMaxStorage(QuotaSizeLimit.size(20));

        assertThat(maxQuotaManager.listMaxStorageDetails(withoutDomain))
            .containsOnlyKeys(Scope.Global);
    }

    @Test
    void reactiveVariantsSeeTheSameLimits() {
        Mono.from(maxQuotaManager.setDomainMaxMessageReactive(Domain.of("domain"), QuotaCountLimit.count(5))).block();
        Mono.from(maxQuotaManager.setMaxStorageReactive(QUOTA_ROOT, QuotaSizeLimit.size(7))).block();

        assertThat(Mono.from(maxQuotaManager.quotaDetailsReactive(QUOTA_ROOT)).block().getMaxMessageDetails())
            .containsOnly(entry(Scope.Domain, QuotaCountLimit.count(5)));
        assertThat(Mono.from(maxQuotaManager.getDomainMaxMessageReactive(Domain.of("DOMAIN"))).block())
            .isEqualTo(QuotaCountLimit.count(5));
        assertThat(Mono.from(maxQuotaManager.getGlobalMaxStorageReactive()).blockOptional()).isEmpty();

        Mono.from(maxQuotaManager.removeMaxStorageReactive(QUOTA_ROOT)).block();
        assertThat(Mono.from(maxQuotaManager.listMaxStorageDetailsReactive(QUOTA_ROOT)).block()).isEmpty();
    }

    @Test
    void bothResourcesReadTogetherKeepEachItsOwnLimitsAtEveryScope() throws Exception {
        maxQuotaManager.setMaxMessage(QUOTA_ROOT, QuotaCountLimit.count(1));
        maxQuotaManager.setDomainMaxStorage(Domain.of("domain"), QuotaSizeLimit.size(2));
        maxQuotaManager.setGlobalMaxMessage(QuotaCountLimit.count(3));
        maxQuotaManager.setGlobalMaxStorage(QuotaSizeLimit.unlimited());
        maxQuotaManager.setMaxMessage(QuotaRoot.quotaRoot("other@domain", Optional.of(Domain.of("domain"))), QuotaCountLimit.count(4));

        MaxQuotaManager.QuotaDetails details = Mono.from(maxQuotaManager.quotaDetailsReactive(QUOTA_ROOT)).block();

        assertThat(details.getMaxMessageDetails())
            .containsOnly(entry(Scope.User, QuotaCountLimit.count(1)), entry(Scope.Global, QuotaCountLimit.count(3)));
        assertThat(details.getMaxStorageDetails())
            .containsOnly(entry(Scope.Domain, QuotaSizeLimit.size(2)), entry(Scope.Global, QuotaSizeLimit.unlimited()));
        assertThat(maxQuotaManager.quotaDetails(QUOTA_ROOT).getMaxStorageDetails()).isEqualTo(details.getMaxStorageDetails());
    }
}
