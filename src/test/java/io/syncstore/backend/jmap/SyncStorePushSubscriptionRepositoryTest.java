package io.syncstore.backend.jmap;

import java.util.Set;

import org.apache.james.jmap.api.change.TypeStateFactory;
import org.apache.james.jmap.api.model.TypeName;
import org.apache.james.jmap.api.pushsubscription.CustomTypeName1$;
import org.apache.james.jmap.api.pushsubscription.CustomTypeName2$;
import org.apache.james.jmap.api.pushsubscription.PushSubscriptionRepository;
import org.apache.james.jmap.api.pushsubscription.PushSubscriptionRepositoryContract;
import org.apache.james.jmap.api.pushsubscription.PushSubscriptionRepositoryContract$;
import org.apache.james.utils.UpdatableTickingClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;

class SyncStorePushSubscriptionRepositoryTest implements PushSubscriptionRepositoryContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private UpdatableTickingClock clock;
    private PushSubscriptionRepository repository;

    @BeforeEach
    void setUp() {
        clock = new UpdatableTickingClock(PushSubscriptionRepositoryContract$.MODULE$.NOW());
        TypeStateFactory types = new TypeStateFactory(Set.<TypeName>of(CustomTypeName1$.MODULE$, CustomTypeName2$.MODULE$));
        repository = new SyncStorePushSubscriptionRepository(DATABASES.open(), types, clock);
    }

    @Override
    public UpdatableTickingClock clock() {
        return clock;
    }

    @Override
    public PushSubscriptionRepository testee() {
        return repository;
    }
}
