package io.syncstore.server.jmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.apache.james.core.Username;
import org.apache.james.events.Event.EventId;
import org.apache.james.jmap.api.change.State;
import org.apache.james.jmap.api.change.TypeStateFactory;
import org.apache.james.jmap.api.model.PushSubscription;
import org.apache.james.jmap.api.model.PushSubscriptionCreationRequest;
import org.apache.james.jmap.api.model.PushSubscriptionExpiredTime;
import org.apache.james.jmap.api.model.PushSubscriptionServerURL;
import org.apache.james.jmap.api.model.TypeName;
import org.apache.james.jmap.change.EmailDeliveryTypeName$;
import org.apache.james.jmap.change.EmailTypeName$;
import org.apache.james.jmap.change.MailboxTypeName$;
import org.apache.james.jmap.change.StateChangeEvent;
import org.apache.james.jmap.core.UuidState;
import org.apache.james.jmap.json.PushSerializer;
import org.apache.james.jmap.pushsubscription.PushListener;
import org.apache.james.jmap.pushsubscription.PushRequest;
import org.apache.james.jmap.pushsubscription.WebPushClient;
import org.apache.james.utils.UpdatableTickingClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.data.SyncStoreDelegationStore;
import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.jmap.KeptPushTargets;
import io.syncstore.backend.jmap.SyncStorePushSubscriptionRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * SyncStore's push listener pushes what James's pushes, for the same subscriptions and delegations: the account's
 * validated subscriptions and those of the users it is delegated to, each for the types it asked for.
 */
class SyncStorePushListenerTest {
    private static final Username BOB = Username.of("bob@example.com");
    private static final Username ALICE = Username.of("alice@example.com");
    private static final Username CAROL = Username.of("carol@example.com");

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private final TypeStateFactory types = new TypeStateFactory(
        Set.<TypeName>of(EmailTypeName$.MODULE$, MailboxTypeName$.MODULE$, EmailDeliveryTypeName$.MODULE$));
    private final UpdatableTickingClock clock = new UpdatableTickingClock(Instant.parse("2026-12-07T12:00:00Z"));
    private Database database;
    private SyncStorePushSubscriptionRepository subscriptions;
    private SyncStoreDelegationStore delegations;

    @BeforeEach
    void setUp() throws Exception {
        database = databases.open();
        KeptPushTargets kept = new KeptPushTargets(clock, database);
        subscriptions = new SyncStorePushSubscriptionRepository(database, types, clock, kept);
        delegations = new SyncStoreDelegationStore(database, kept);
        Mono.from(delegations.addAuthorizedUser(BOB, ALICE)).block();
        subscribe(BOB, "https://push.example/bob-phone", true, EmailTypeName$.MODULE$, EmailDeliveryTypeName$.MODULE$);
        subscribe(BOB, "https://push.example/bob-unverified", false, EmailTypeName$.MODULE$);
        subscribe(BOB, "https://push.example/bob-mailboxes", true, MailboxTypeName$.MODULE$);
        subscribe(ALICE, "https://push.example/alice", true, EmailTypeName$.MODULE$);
        subscribe(CAROL, "https://push.example/carol", true, EmailTypeName$.MODULE$);
    }

    @Test
    void anAccountsStateChangeGoesToItsValidatedSubscriptionsAndThoseOfItsDelegatesForTheTypesTheyAskedFor() {
        List<String> pushed = pushedBy(SyncStorePushListener.class, emailChange(BOB, false));

        assertThat(pushed).extracting(push -> push.split(" ")[0])
            .containsExactlyInAnyOrder("https://push.example/bob-phone", "https://push.example/alice");
    }

    @Test
    void whatIsPushedIsWhatJamesPushes() {
        for (StateChangeEvent event : List.of(emailChange(BOB, false), emailChange(BOB, true), emailChange(ALICE, true), emailChange(CAROL, false))) {
            List<String> byJames = pushedBy(PushListener.class, event);
            assertThat(pushedBy(SyncStorePushListener.class, event)).containsExactlyInAnyOrderElementsOf(byJames);
        }
    }

    @Test
    void expiredSubscriptionsOfTheAccountAndOfItsDelegatesAreNotPushedToAndAreDeleted() throws Exception {
        subscribe(BOB, "https://push.example/bob-old-phone", true, Duration.ofHours(1), EmailTypeName$.MODULE$);
        subscribe(ALICE, "https://push.example/alice-old-phone", true, Duration.ofHours(1), EmailTypeName$.MODULE$);
        clock.setInstant(clock.instant().plus(Duration.ofHours(2)));
        StateChangeEvent event = emailChange(BOB, true);

        List<String> pushed = pushedBy(SyncStorePushListener.class, event);

        assertThat(pushed).extracting(push -> push.split(" ")[0])
            .containsExactlyInAnyOrder("https://push.example/bob-phone", "https://push.example/alice");
        assertThat(subscriptionUrls()).containsExactlyInAnyOrder("https://push.example/bob-phone",
            "https://push.example/bob-unverified", "https://push.example/bob-mailboxes", "https://push.example/alice",
            "https://push.example/carol");
        assertThat(pushed).containsExactlyInAnyOrderElementsOf(pushedBy(PushListener.class, event));
    }

    @Test
    void aDelegatesSubscriptionsFollowTheDelegation() throws Exception {
        Mono.from(delegations.addAuthorizedUser(CAROL, BOB)).block();
        Mono.from(delegations.removeAuthorizedUser(BOB, ALICE)).block();

        for (StateChangeEvent event : List.of(emailChange(BOB, false), emailChange(CAROL, true), emailChange(ALICE, false))) {
            assertThat(pushedBy(SyncStorePushListener.class, event))
                .containsExactlyInAnyOrderElementsOf(pushedBy(PushListener.class, event));
        }
        assertThat(pushedBy(SyncStorePushListener.class, emailChange(CAROL, true))).extracting(push -> push.split(" ")[0])
            .as("carol's account is delegated to bob: his subscription for emails is pushed carol's changes")
            .containsExactlyInAnyOrder("https://push.example/carol", "https://push.example/bob-phone");
        assertThat(pushedBy(SyncStorePushListener.class, emailChange(BOB, false))).extracting(push -> push.split(" ")[0])
            .as("bob's account is no longer delegated to alice")
            .containsExactly("https://push.example/bob-phone");
    }

    /** Each push reads nothing when nothing changed, and follows each change made after an earlier push. */
    @Test
    void eachChangeOfSubscriptionsOrDelegationsAfterAPushIsFollowedByTheNextPush() throws Exception {
        assertThat(urlsPushed(BOB)).containsExactlyInAnyOrder("https://push.example/bob-phone", "https://push.example/alice");

        subscribe(BOB, "https://push.example/bob-tablet", true, EmailTypeName$.MODULE$);
        assertThat(urlsPushed(BOB)).containsExactlyInAnyOrder("https://push.example/bob-phone", "https://push.example/alice",
            "https://push.example/bob-tablet");

        Mono.from(delegations.addAuthorizedUser(BOB, CAROL)).block();
        assertThat(urlsPushed(BOB)).contains("https://push.example/carol");

        Mono.from(delegations.removeAuthorizedUser(BOB, ALICE)).block();
        assertThat(urlsPushed(BOB)).doesNotContain("https://push.example/alice");

        PushSubscription tablet = Flux.from(subscriptions.list(BOB))
            .filter(subscription -> subscription.url().value().toString().endsWith("bob-tablet"))
            .blockFirst();
        Mono.from(subscriptions.revoke(BOB, tablet.id())).block();
        assertThat(urlsPushed(BOB)).containsExactlyInAnyOrder("https://push.example/bob-phone", "https://push.example/carol");
        for (StateChangeEvent event : List.of(emailChange(BOB, true), emailChange(CAROL, false))) {
            assertThat(pushedBy(SyncStorePushListener.class, event))
                .containsExactlyInAnyOrderElementsOf(pushedBy(PushListener.class, event));
        }
    }

    @Test
    void aSubscriptionThatExpiredSinceTheLastPushIsNotPushedTo() throws Exception {
        subscribe(BOB, "https://push.example/bob-old-phone", true, Duration.ofHours(1), EmailTypeName$.MODULE$);
        assertThat(urlsPushed(BOB)).contains("https://push.example/bob-old-phone");

        clock.setInstant(clock.instant().plus(Duration.ofHours(2)));

        assertThat(urlsPushed(BOB)).containsExactlyInAnyOrder("https://push.example/bob-phone", "https://push.example/alice");
        assertThat(subscriptionUrls()).doesNotContain("https://push.example/bob-old-phone");
    }

    @Test
    void anAccountWithoutSubscriptionsIsPushedNothing() {
        assertThat(pushedBy(SyncStorePushListener.class, emailChange(Username.of("dave@example.com"), true))).isEmpty();
    }

    /** Each push as its URL, urgency, topic, content coding and payload (its TTL is a constant of James's listener). */
    private List<String> pushedBy(Class<?> listenerClass, StateChangeEvent event) {
        List<String> pushed = new CopyOnWriteArrayList<>();
        WebPushClient client = (url, request) -> Mono.<BoxedUnit>empty().doOnSubscribe(any -> pushed.add(describe(url, request)));
        PushSerializer serializer = new PushSerializer(types);
        var listener = listenerClass == PushListener.class
            ? new PushListener(subscriptions, client, serializer, delegations)
            : new SyncStorePushListener(subscriptions, delegations, client, serializer);
        Mono.from(listener.reactiveEvent(event)).block(Duration.ofSeconds(30));
        return pushed;
    }

    private List<String> urlsPushed(Username account) {
        return pushedBy(SyncStorePushListener.class, emailChange(account, false)).stream()
            .map(push -> push.split(" ")[0])
            .collect(Collectors.toList());
    }

    private static String describe(PushSubscriptionServerURL url, PushRequest request) {
        return url.value() + " " + request.urgency() + " " + request.topic() + " " + request.contentCoding()
            + " " + new String(request.payload(), StandardCharsets.UTF_8);
    }

    private static StateChangeEvent emailChange(Username account, boolean delivery) {
        UuidState state = UuidState.fromJava(State.of(UUID.randomUUID()));
        Map<TypeName, org.apache.james.jmap.api.model.State> changed = delivery
            ? Map.of(EmailTypeName$.MODULE$, state, EmailDeliveryTypeName$.MODULE$, state)
            : Map.of(EmailTypeName$.MODULE$, state);
        return StateChangeEvent.apply(EventId.random(), account,
            scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(changed)));
    }

    private List<String> subscriptionUrls() throws Exception {
        return database.read(connection -> Sql.list(connection, "SELECT url FROM jmap_push_subscription", row -> row.getString(1)));
    }

    private void subscribe(Username owner, String url, boolean validated, TypeName... typesAsked) throws Exception {
        subscribe(owner, url, validated, Duration.ofDays(1), typesAsked);
    }

    private void subscribe(Username owner, String url, boolean validated, Duration expiresIn, TypeName... typesAsked)
            throws Exception {
        PushSubscription saved = Mono.from(subscriptions.save(owner, new PushSubscriptionCreationRequest(url,
            new PushSubscriptionServerURL(new URL(url)), Option.empty(),
            Option.apply(new PushSubscriptionExpiredTime(ZonedDateTime.now(clock).plus(expiresIn))),
            CollectionConverters.asScala(List.of(typesAsked)).toSeq()))).block();
        if (validated) {
            Mono.from(subscriptions.validateVerificationCode(owner, saved.id())).block();
        }
    }
}
