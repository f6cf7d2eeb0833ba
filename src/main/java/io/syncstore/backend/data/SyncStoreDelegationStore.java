package io.syncstore.backend.data;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.DelegationStore;
import org.reactivestreams.Publisher;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.jmap.KeptPushTargets;
import io.syncstore.backend.sql.DelegationSql;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Which users may act as which others (JMAP delegation, IMAP authorisation as another user). */
public class SyncStoreDelegationStore implements DelegationStore {
    private final Database database;
    private final KeptPushTargets keptPushTargets;

    @Inject
    public SyncStoreDelegationStore(Database database, KeptPushTargets keptPushTargets) {
        this.database = database;
        this.keptPushTargets = keptPushTargets;
    }

    @Override
    public Publisher<Username> authorizedUsers(Username baseUser) {
        return usernames(DelegationSql.AUTHORIZED_USERS_OF, baseUser);
    }

    @Override
    public Publisher<Username> delegatedUsers(Username baseUser) {
        return usernames(DelegationSql.BASE_USERS_OF, baseUser);
    }

    @Override
    public Publisher<Void> clear(Username baseUser) {
        return writing(connection -> Sql.update(connection, DelegationSql.DELETE_ALL_OF_BASE_USER,
            baseUser.asString()));
    }

    @Override
    public Publisher<Void> addAuthorizedUser(Username baseUser, Username userWithAccess) {
        return writing(connection -> Sql.update(connection, DelegationSql.INSERT,
            baseUser.asString(), userWithAccess.asString()));
    }

    @Override
    public Publisher<Void> removeAuthorizedUser(Username baseUser, Username userWithAccess) {
        return writing(connection -> Sql.update(connection, DelegationSql.DELETE,
            baseUser.asString(), userWithAccess.asString()));
    }

    @Override
    public Publisher<Void> removeDelegatedUser(Username baseUser, Username delegatedToUser) {
        return writing(connection -> Sql.update(connection, DelegationSql.DELETE,
            delegatedToUser.asString(), baseUser.asString()));
    }

    /** A write of delegations, after which the push subscriptions kept by account are forgotten: they include delegates'. */
    private Mono<Void> writing(SqlWork<Integer> work) {
        return database.writeReactive(work).doOnTerminate(keptPushTargets::forgetAll).then();
    }

    private Flux<Username> usernames(String sql, Username user) {
        return database.readReactive(connection -> Sql.list(connection, sql, row -> Username.of(row.getString(1)),
                user.asString()))
            .flatMapIterable(names -> names);
    }
}
