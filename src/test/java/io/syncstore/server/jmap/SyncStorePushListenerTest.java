package io.syncstore.server.jmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.syncstore.backend.TestDatabases;
import io.syncstore.backend.data.SyncStoreDelegationStore;
import io.syncstore.backend.jmap.SyncStorePushSubscriptionRepository;
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
    private SyncStorePushSubscriptionRepository subscriptions;
    private SyncStoreDelegationStore delegations;

    @BeforeEach
    void setUp() throws Exception {
        var database = databases.open();
        subscriptions = new SyncStorePushSubscriptionRepository(database, types, Clock.systemUTC());
        delegations = new SyncStoreDelegationStore(database);
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

    private void subscribe(Username owner, String url, boolean validated, TypeName... typesAsked) throws Exception {
        PushSubscription saved = Mono.from(subscriptions.save(owner, new PushSubscriptionCreationRequest(url,
            new PushSubscriptionServerURL(new URL(url)), Option.empty(),
            Option.apply(new PushSubscriptionExpiredTime(ZonedDateTime.now().plusDays(1))),
            CollectionConverters.asScala(List.of(typesAsked)).toSeq()))).block();
        if (validated) {
            Mono.from(subscriptions.validateVerificationCode(owner, saved.id())).block();
        }
    }
}
