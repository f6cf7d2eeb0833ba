package io.syncstore.backend.jmap;

import org.apache.james.core.MailAddress;
import org.apache.james.vacation.api.NotificationRegistry;
import org.apache.james.vacation.api.NotificationRegistryContract;
import org.apache.james.vacation.api.RecipientId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStoreNotificationRegistryTest implements NotificationRegistryContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private NotificationRegistry registry;
    private RecipientId recipient;

    @BeforeEach
    void setUp() throws Exception {
        registry = new SyncStoreNotificationRegistry(DATABASES.open(), zonedDateTimeProvider);
        recipient = RecipientId.fromMailAddress(new MailAddress("benwa@apache.org"));
    }

    @Override
    public NotificationRegistry notificationRegistry() {
        return registry;
    }

    @Override
    public RecipientId recipientId() {
        return recipient;
    }
}
