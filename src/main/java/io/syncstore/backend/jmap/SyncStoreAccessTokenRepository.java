package io.syncstore.backend.jmap;

import java.time.Clock;

import javax.inject.Inject;
import javax.inject.Named;

import org.apache.james.core.Username;
import org.apache.james.jmap.api.access.AccessToken;
import org.apache.james.jmap.api.access.AccessTokenRepository;
import org.apache.james.jmap.api.access.exceptions.InvalidAccessToken;

import com.google.common.base.Preconditions;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.JmapDataSql;
import reactor.core.publisher.Mono;

/** Access tokens of James's draft JMAP authentication, valid for a fixed time after they are issued. */
public class SyncStoreAccessTokenRepository implements AccessTokenRepository {
    private final Database database;
    private final Clock clock;
    private final long validityMillis;

    @Inject
    public SyncStoreAccessTokenRepository(Database database, Clock clock, @Named(TOKEN_EXPIRATION_IN_MS) long validityMillis) {
        this.database = database;
        this.clock = clock;
        this.validityMillis = validityMillis;
    }

    @Override
    public Mono<Void> addToken(Username username, AccessToken accessToken) {
        Preconditions.checkNotNull(username);
        Preconditions.checkNotNull(accessToken);
        long now = clock.millis();
        return database.writeReactive(connection -> {
                Sql.update(connection, JmapDataSql.REMOVE_EXPIRED_ACCESS_TOKENS, now);
                return Sql.update(connection, JmapDataSql.ADD_ACCESS_TOKEN, accessToken.serialize(), username.asString(), now + validityMillis);
            })
            .then();
    }

    @Override
    public Mono<Void> removeToken(AccessToken accessToken) {
        Preconditions.checkNotNull(accessToken);
        return database.writeReactive(connection -> Sql.update(connection, JmapDataSql.REMOVE_ACCESS_TOKEN, accessToken.serialize()))
            .then();
    }

    @Override
    public Mono<Username> getUsernameFromToken(AccessToken accessToken) throws InvalidAccessToken {
        Preconditions.checkNotNull(accessToken);
        return database.readReactive(connection -> Sql.first(connection, JmapDataSql.ACCESS_TOKEN_OWNER,
                row -> Username.of(row.getString(1)), accessToken.serialize(), clock.millis()))
            .flatMap(owner -> owner.map(Mono::just).orElseGet(() -> Mono.error(new InvalidAccessToken(accessToken))));
    }
}
