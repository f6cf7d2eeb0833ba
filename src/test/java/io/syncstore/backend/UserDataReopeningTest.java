package io.syncstore.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.Optional;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.model.CurrentQuotas;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.Quota.Scope;
import org.apache.james.mailbox.model.QuotaOperation;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.store.user.model.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.mail.SyncStoreAnnotationMapper;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.quota.SyncStoreCurrentQuotaManager;
import io.syncstore.backend.quota.SyncStoreMaxQuotaManager;
import io.syncstore.backend.user.SyncStoreSubscriptionMapper;
import io.syncstore.config.SyncPolicy;
import io.syncstore.config.SyncStoreConfiguration;
import reactor.core.publisher.Mono;

class UserDataReopeningTest {
    private static final Username USER = Username.of("bob@example.com");
    private static final Domain DOMAIN = Domain.of("example.com");
    private static final QuotaRoot QUOTA_ROOT = QuotaRoot.quotaRoot("#private&bob@example.com", Optional.of(DOMAIN));
    private static final SyncStoreMailboxId MAILBOX = SyncStoreMailboxId.of(42);
    private static final MailboxAnnotation ANNOTATION =
        MailboxAnnotation.newInstance(new MailboxAnnotationKey("/private/comment"), "kept");

    @TempDir
    Path folder;

    @Test
    void userDataSurvivesClosingAndReopeningTheDatabase() throws Exception {
        SyncStoreConfiguration configuration = TestDatabases.configurationIn(folder, SyncPolicy.NORMAL);
        try (Database database = Database.open(configuration)) {
            new SyncStoreSubscriptionMapper(database).save(new Subscription(USER, "INBOX.lists"));
            new SyncStoreAnnotationMapper(database).insertAnnotation(MAILBOX, ANNOTATION);
            SyncStoreCurrentQuotaManager usage = new SyncStoreCurrentQuotaManager(database);
            usage.increase(new QuotaOperation(QUOTA_ROOT, QuotaCountUsage.count(3), QuotaSizeUsage.size(300))).block();
            SyncStoreMaxQuotaManager limits = new SyncStoreMaxQuotaManager(database);
            limits.setGlobalMaxStorage(QuotaSizeLimit.size(1000));
            limits.setDomainMaxMessage(DOMAIN, QuotaCountLimit.count(50));
            limits.setMaxMessage(QUOTA_ROOT, QuotaCountLimit.unlimited());
        }

        try (Database database = Database.open(configuration)) {
            assertThat(new SyncStoreSubscriptionMapper(database).findSubscriptionsForUser(USER))
                .containsExactly(new Subscription(USER, "INBOX.lists"));
            assertThat(new SyncStoreAnnotationMapper(database).getAllAnnotations(MAILBOX)).containsExactly(ANNOTATION);
            assertThat(Mono.from(new SyncStoreCurrentQuotaManager(database).getCurrentQuotas(QUOTA_ROOT)).block())
                .isEqualTo(new CurrentQuotas(QuotaCountUsage.count(3), QuotaSizeUsage.size(300)));
            SyncStoreMaxQuotaManager limits = new SyncStoreMaxQuotaManager(database);
            assertThat(limits.listMaxStorageDetails(QUOTA_ROOT)).containsOnly(entry(Scope.Global, QuotaSizeLimit.size(1000)));
            assertThat(limits.listMaxMessagesDetails(QUOTA_ROOT)).containsOnly(
                entry(Scope.Domain, QuotaCountLimit.count(50)),
                entry(Scope.User, QuotaCountLimit.unlimited()));
        }
    }
}
