package io.syncstore.backend.jmap;

import static org.apache.james.jmap.api.pushsubscription.PushSubscriptionHelpers.evaluateExpiresTime;
import static org.apache.james.jmap.api.pushsubscription.PushSubscriptionHelpers.isInThePast;
import static org.apache.james.jmap.api.pushsubscription.PushSubscriptionHelpers.isInvalidPushSubscriptionKey;
import static org.apache.james.jmap.api.pushsubscription.PushSubscriptionHelpers.isNotOutdatedSubscription;

import java.net.MalformedURLException;
import java.net.URL;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.jmap.api.change.TypeStateFactory;
import org.apache.james.jmap.api.model.DeviceClientIdInvalidException;
import org.apache.james.jmap.api.model.ExpireTimeInvalidException;
import org.apache.james.jmap.api.model.InvalidPushSubscriptionKeys;
import org.apache.james.jmap.api.model.PushSubscription;
import org.apache.james.jmap.api.model.PushSubscriptionCreationRequest;
import org.apache.james.jmap.api.model.PushSubscriptionExpiredTime;
import org.apache.james.jmap.api.model.PushSubscriptionId;
import org.apache.james.jmap.api.model.PushSubscriptionKeys;
import org.apache.james.jmap.api.model.PushSubscriptionNotFoundException;
import org.apache.james.jmap.api.model.PushSubscriptionServerURL;
import org.apache.james.jmap.api.model.TypeName;
import org.apache.james.jmap.api.pushsubscription.PushSubscriptionRepository;
import org.reactivestreams.Publisher;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.sql.PushSubscriptionSql;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import scala.jdk.javaapi.OptionConverters;

/**
 * JMAP push subscriptions (RFC 8620 §7.2) of each user, kept in the database. Expired ones are not returned, and
 * listing a user's subscriptions deletes those it finds expired.
 */
public class SyncStorePushSubscriptionRepository implements PushSubscriptionRepository {
    private final Database database;
    private final TypeStateFactory typeStateFactory;
    private final Clock clock;
    private final KeptPushTargets kept;

    @Inject
    public SyncStorePushSubscriptionRepository(Database database, TypeStateFactory typeStateFactory, Clock clock, KeptPushTargets kept) {
        this.database = database;
        this.typeStateFactory = typeStateFactory;
        this.clock = clock;
        this.kept = kept;
    }

    @Override
    public Publisher<PushSubscription> save(Username username, PushSubscriptionCreationRequest request) {
        if (isInThePast(request.expires(), clock)) {
            return Mono.error(new ExpireTimeInvalidException(request.expires().get().value(), "expires must be greater than now"));
        }
        if (isInvalidPushSubscriptionKey(request.keys())) {
            return Mono.error(new InvalidPushSubscriptionKeys(request.keys().get()));
        }
        PushSubscription subscription = PushSubscription.from(request,
            evaluateExpiresTime(OptionConverters.toJava(request.expires()).map(PushSubscriptionExpiredTime::value), clock));
        return writing(connection -> {
            if (Sql.count(connection, PushSubscriptionSql.DEVICE_CLIENT_ID_TAKEN, username.asString(), subscription.deviceClientId()) > 0) {
                throw new DeviceClientIdInvalidException(subscription.deviceClientId(), "deviceClientId must be unique");
            }
            Optional<PushSubscriptionKeys> keys = OptionConverters.toJava(subscription.keys());
            return Sql.update(connection, PushSubscriptionSql.INSERT, username.asString(), subscription.id().serialise(),
                subscription.deviceClientId(), subscription.url().value().toString(),
                keys.map(PushSubscriptionKeys::p256dh).orElse(null), keys.map(PushSubscriptionKeys::auth).orElse(null),
                subscription.verificationCode(), subscription.validated(), subscription.expires().value().toString(),
                typesText(CollectionConverters.asJava(subscription.types())));
        }).thenReturn(subscription);
    }

    @Override
    public Publisher<PushSubscriptionExpiredTime> updateExpireTime(Username username, PushSubscriptionId id, ZonedDateTime newExpire) {
        if (newExpire.isBefore(ZonedDateTime.now(clock))) {
            return Mono.error(new ExpireTimeInvalidException(newExpire, "expires must be greater than now"));
        }
        PushSubscriptionExpiredTime expires = evaluateExpiresTime(Optional.of(newExpire), clock);
        return updateExisting(username, id, PushSubscriptionSql.SET_EXPIRES, expires.value().toString())
            .thenReturn(expires);
    }

    @Override
    public Publisher<Void> updateTypes(Username username, PushSubscriptionId id, Set<TypeName> types) {
        return updateExisting(username, id, PushSubscriptionSql.SET_TYPES, typesText(types));
    }

    @Override
    public Publisher<Void> validateVerificationCode(Username username, PushSubscriptionId id) {
        return updateExisting(username, id, PushSubscriptionSql.VALIDATE);
    }

    @Override
    public Publisher<Void> revoke(Username username, PushSubscriptionId id) {
        return writing(connection -> Sql.update(connection, PushSubscriptionSql.DELETE, username.asString(), id.serialise()))
            .then();
    }

    @Override
    public Publisher<PushSubscription> get(Username username, Set<PushSubscriptionId> ids) {
        return database.readReactive(connection -> {
                List<PushSubscription> found = new ArrayList<>();
                for (PushSubscriptionId id : ids) {
                    Sql.first(connection, PushSubscriptionSql.ONE, this::subscription, username.asString(), id.serialise())
                        .ifPresent(found::add);
                }
                return found;
            })
            .flatMapMany(Flux::fromIterable)
            .filter(subscription -> isNotOutdatedSubscription(subscription, clock));
    }

    @Override
    public Publisher<PushSubscription> list(Username username) {
        return database.readReactive(connection -> Sql.list(connection, PushSubscriptionSql.ALL_OF, this::subscription, username.asString()))
            .flatMap(all -> alive(username, all))
            .flatMapMany(Flux::fromIterable);
    }

    /**
     * The subscriptions of the user and of every user the user's account is delegated to, by owner, in one read:
     * those a state change of the account is pushed to. Expired ones are left out and deleted, as {@link #list} does.
     * The last reading is kept ({@link KeptPushTargets}).
     */
    public Mono<Map<Username, List<PushSubscription>>> listWithDelegates(Username username) {
        return kept.of(username, readWithDelegates(username));
    }

    private Mono<Map<Username, List<PushSubscription>>> readWithDelegates(Username username) {
        return database.readReactive(connection -> Sql.list(connection, PushSubscriptionSql.allOfAccountAndDelegates(database.dialect()),
                row -> Map.entry(Username.of(row.getString("owner")), subscription(row)), username.asString(), username.asString()))
            .flatMapMany(rows -> Flux.fromIterable(rows.stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, LinkedHashMap::new,
                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())))
                .entrySet()))
            .concatMap(owner -> alive(owner.getKey(), owner.getValue()).map(alive -> Map.entry(owner.getKey(), alive)))
            .filter(owner -> !owner.getValue().isEmpty())
            .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
    }

    private Mono<List<PushSubscription>> alive(Username owner, List<PushSubscription> subscriptions) {
        Map<Boolean, List<PushSubscription>> alive = subscriptions.stream()
            .collect(Collectors.partitioningBy(subscription -> isNotOutdatedSubscription(subscription, clock)));
        return deleteExpired(owner, alive.get(false)).thenReturn(alive.get(true));
    }

    /**
     * Removes every subscription, of any user, pushed to this URL: the push service said the resource is gone
     * (RFC 8030 §6.2, 404 or 410), so no push to it can succeed again.
     */
    public Mono<Void> revokeAll(PushSubscriptionServerURL url) {
        return writing(connection -> Sql.update(connection, PushSubscriptionSql.DELETE_ALL_AT, url.value().toString()))
            .then();
    }

    private Mono<Void> deleteExpired(Username username, List<PushSubscription> expired) {
        if (expired.isEmpty()) {
            return Mono.empty();
        }
        return writing(connection -> {
            int deleted = 0;
            for (PushSubscription subscription : expired) {
                deleted += Sql.update(connection, PushSubscriptionSql.DELETE, username.asString(), subscription.id().serialise());
            }
            return deleted;
        }).then();
    }

    /** Runs an update of one subscription: the parameters, then the owner and the id. Fails if there is none. */
    private Mono<Void> updateExisting(Username username, PushSubscriptionId id, String sql, Object... parameters) {
        Object[] all = Arrays.copyOf(parameters, parameters.length + 2);
        all[parameters.length] = username.asString();
        all[parameters.length + 1] = id.serialise();
        return writing(connection -> Sql.update(connection, sql, all))
            .flatMap(updated -> updated == 0 ? Mono.error(new PushSubscriptionNotFoundException(id)) : Mono.empty());
    }

    /** A write of subscriptions, after which (committed or not) no reading of before it is kept. */
    private <T> Mono<T> writing(SqlWork<T> work) {
        return database.writeReactive(work).doOnTerminate(kept::forgetAll);
    }

    private PushSubscription subscription(ResultSet row) throws SQLException {
        String p256dh = row.getString("key_p256dh");
        Option<PushSubscriptionKeys> keys = p256dh == null
            ? Option.empty()
            : Option.apply(new PushSubscriptionKeys(p256dh, row.getString("key_auth")));
        return new PushSubscription(
            new PushSubscriptionId(UUID.fromString(row.getString("id"))),
            row.getString("device_client_id"),
            new PushSubscriptionServerURL(url(row.getString("url"))),
            keys,
            row.getString("verification_code"),
            row.getBoolean("validated"),
            new PushSubscriptionExpiredTime(ZonedDateTime.parse(row.getString("expires"))),
            CollectionConverters.asScala(types(row.getString("types"))).toSeq());
    }

    private List<TypeName> types(String text) {
        return Arrays.stream(text.split(","))
            .filter(name -> !name.isEmpty())
            .flatMap(name -> OptionConverters.toJava(typeStateFactory.parse(name).toOption()).stream())
            .collect(Collectors.toList());
    }

    private static String typesText(Collection<TypeName> types) {
        return types.stream().map(TypeName::asString).collect(Collectors.joining(","));
    }

    private static URL url(String value) throws SQLException {
        try {
            return new URL(value);
        } catch (MalformedURLException e) {
            throw new SQLException("Stored push subscription URL is not a URL: " + value, e);
        }
    }
}
