package io.syncstore.backend.jmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.apache.james.core.Username;

import org.apache.james.jmap.api.change.TypeStateFactory;
import org.apache.james.jmap.api.model.PushSubscription;
import org.apache.james.jmap.api.model.PushSubscriptionCreationRequest;
import org.apache.james.jmap.api.model.PushSubscriptionExpiredTime;
import org.apache.james.jmap.api.model.PushSubscriptionServerURL;
import org.apache.james.jmap.api.model.TypeName;
import org.apache.james.jmap.api.pushsubscription.CustomTypeName1$;
import org.apache.james.jmap.api.pushsubscription.CustomTypeName2$;
import org.apache.james.jmap.api.pushsubscription.PushSubscriptionRepository;
import org.apache.james.jmap.api.pushsubscription.PushSubscriptionRepositoryContract;
import org.apache.james.jmap.api.pushsubscription.PushSubscriptionRepositoryContract$;
import org.apache.james.utils.UpdatableTickingClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

class SyncStorePushSubscriptionRepositoryTest implements PushSubscriptionRepositoryContract {
    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private UpdatableTickingClock clock;
    private Database database;
    private SyncStorePushSubscriptionRepository repository;

    @BeforeEach
    void setUp() {
        clock = new UpdatableTickingClock(PushSubscriptionRepositoryContract$.MODULE$.NOW());
        TypeStateFactory types = new TypeStateFactory(Set.<TypeName>of(CustomTypeName1$.MODULE$, CustomTypeName2$.MODULE$));
        database = DATABASES.open();
        repository = new SyncStorePushSubscriptionRepository(database, types, clock, new KeptPushTargets(clock, database));
    }

    @Test
    void listingDeletesTheExpiredSubscriptionsOfTheUser() throws Exception {
        Username alice = Username.of("alice@example.com");
        Username bob = Username.of("bob@example.com");
        save(alice, "phone", "https://push.example/phone", Duration.ofHours(1));
        PushSubscription later = save(alice, "laptop", "https://push.example/laptop", Duration.ofDays(2));
        save(bob, "phone", "https://push.example/bob", Duration.ofHours(1));

        clock.setInstant(clock.instant().plus(Duration.ofHours(2)));

        assertThat(list(alice)).extracting(PushSubscription::id).containsExactly(later.id());
        assertThat(storedIds()).containsExactlyInAnyOrder(later.id().serialise(), "of bob");
    }

    @Test
    void revokingAUrlRemovesTheSubscriptionsOfEveryUserPushedThereAndNoOther() throws Exception {
        Username alice = Username.of("alice@example.com");
        Username bob = Username.of("bob@example.com");
        save(alice, "phone", "https://push.example/gone", Duration.ofDays(1));
        save(bob, "phone", "https://push.example/gone", Duration.ofDays(1));
        PushSubscription kept = save(alice, "laptop", "https://push.example/alive", Duration.ofDays(1));

        repository.revokeAll(new PushSubscriptionServerURL(new URL("https://push.example/gone"))).block();

        assertThat(list(alice)).extracting(PushSubscription::id).containsExactly(kept.id());
        assertThat(list(bob)).isEmpty();
    }

    private PushSubscription save(Username owner, String device, String url, Duration lifetime) throws Exception {
        PushSubscriptionCreationRequest request = new PushSubscriptionCreationRequest(device,
            new PushSubscriptionServerURL(new URL(url)), Option.empty(),
            Option.apply(new PushSubscriptionExpiredTime(ZonedDateTime.now(clock).plus(lifetime))),
            CollectionConverters.asScala(List.<TypeName>of(CustomTypeName1$.MODULE$)).toSeq());
        return Mono.from(repository.save(owner, request)).block();
    }

    private List<PushSubscription> list(Username owner) {
        return Flux.from(repository.list(owner)).collectList().block();
    }

    /** The ids of the stored rows, bob's shown as "of bob". */
    private List<String> storedIds() {
        return database.readReactive(connection -> Sql.list(connection,
            "SELECT CASE WHEN owner = 'bob@example.com' THEN 'of bob' ELSE id END AS shown FROM jmap_push_subscription",
            row -> row.getString("shown"))).block();
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
