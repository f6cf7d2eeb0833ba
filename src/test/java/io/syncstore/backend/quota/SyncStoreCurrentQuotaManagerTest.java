package io.syncstore.backend.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.model.CurrentQuotas;
import org.apache.james.mailbox.model.QuotaOperation;
import org.apache.james.mailbox.quota.CurrentQuotaManager;
import org.apache.james.mailbox.store.quota.CurrentQuotaManagerContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class SyncStoreCurrentQuotaManagerTest implements CurrentQuotaManagerContract {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private CurrentQuotaManager testee;

    @BeforeEach
    void setUp() {
        testee = new SyncStoreCurrentQuotaManager(databases.open());
    }

    @Override
    public CurrentQuotaManager testee() {
        return testee;
    }

    @Test
    void concurrentIncreasesAndDecreasesAreAllCounted() {
        QuotaOperation oneMessage = new QuotaOperation(QUOTA_ROOT, QuotaCountUsage.count(1), QuotaSizeUsage.size(10));

        Flux.range(0, 300)
            .flatMap(i -> Mono.from(i % 3 == 0 ? testee.decrease(oneMessage) : testee.increase(oneMessage))
                .subscribeOn(Schedulers.parallel()), 32)
            .blockLast();

        assertThat(Mono.from(testee.getCurrentQuotas(QUOTA_ROOT)).block())
            .isEqualTo(new CurrentQuotas(QuotaCountUsage.count(100), QuotaSizeUsage.size(1000)));
    }
}
