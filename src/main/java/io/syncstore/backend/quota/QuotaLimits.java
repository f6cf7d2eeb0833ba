package io.syncstore.backend.quota;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.james.core.Domain;
import org.apache.james.core.quota.QuotaLimitValue;
import org.apache.james.mailbox.model.Quota.Scope;
import org.apache.james.mailbox.model.QuotaRoot;

import com.google.common.collect.ImmutableMap;

import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.sql.QuotaSql;

/**
 * The limits of one resource (message count or storage size) as units of database work. A limit is stored for a
 * scope and a key within it: the quota root of a user, a domain, or nothing for the global limit.
 */
final class QuotaLimits<T extends QuotaLimitValue<T>> {
    private static final String GLOBAL_KEY = "";

    private final String resource;
    private final Function<Optional<Long>, T> fromStored;

    QuotaLimits(String resource, Function<Optional<Long>, T> fromStored) {
        this.resource = resource;
        this.fromStored = fromStored;
    }

    SqlWork<Integer> setFor(QuotaRoot quotaRoot, T limit) {
        return set(Scope.User, quotaRoot.getValue(), limit);
    }

    SqlWork<Integer> setFor(Domain domain, T limit) {
        return set(Scope.Domain, domain.asString(), limit);
    }

    SqlWork<Integer> setGlobal(T limit) {
        return set(Scope.Global, GLOBAL_KEY, limit);
    }

    SqlWork<Integer> removeFor(QuotaRoot quotaRoot) {
        return remove(Scope.User, quotaRoot.getValue());
    }

    SqlWork<Integer> removeFor(Domain domain) {
        return remove(Scope.Domain, domain.asString());
    }

    SqlWork<Integer> removeGlobal() {
        return remove(Scope.Global, GLOBAL_KEY);
    }

    SqlWork<Optional<T>> of(Domain domain) {
        return get(Scope.Domain, domain.asString());
    }

    SqlWork<Optional<T>> global() {
        return get(Scope.Global, GLOBAL_KEY);
    }

    /** The limits of this resource that apply to the quota root, by the scope that sets each. */
    SqlWork<Map<Scope, T>> applyingTo(QuotaRoot quotaRoot) {
        return connection -> of(storedApplyingTo(connection, quotaRoot));
    }

    /** This resource's limits among those of {@link #storedApplyingTo}, by the scope that sets each. */
    Map<Scope, T> of(List<StoredLimit> stored) {
        return stored.stream()
            .filter(limit -> limit.resource.equals(resource))
            .collect(ImmutableMap.toImmutableMap(limit -> limit.scope, limit -> limit(limit.value)));
    }

    /** The limits of every resource that apply to the quota root, in one statement. */
    static List<StoredLimit> storedApplyingTo(Connection connection, QuotaRoot quotaRoot) throws SQLException {
        return Sql.list(connection, QuotaSql.LIMITS_AT_SCOPES, QuotaLimits::storedIn, scopesOf(quotaRoot));
    }

    /** The three (scope, scope_key) pairs whose limits apply to the quota root: its own, its domain's, the server's. */
    static Object[] scopesOf(QuotaRoot quotaRoot) {
        // Without a domain, the domain pair compares scope_key to NULL, which matches no row.
        String domain = quotaRoot.getDomain().map(Domain::asString).orElse(null);
        return new Object[] {Scope.User.name(), quotaRoot.getValue(), Scope.Domain.name(), domain, Scope.Global.name(), GLOBAL_KEY};
    }

    /** The limit of a row with the columns resource, scope and max_value. */
    static StoredLimit storedIn(ResultSet row) throws SQLException {
        return new StoredLimit(row.getString("resource"), Scope.valueOf(row.getString("scope")), Sql.optionalLong(row, "max_value"));
    }

    static final class StoredLimit {
        private final String resource;
        private final Scope scope;
        private final Optional<Long> value;

        private StoredLimit(String resource, Scope scope, Optional<Long> value) {
            this.resource = resource;
            this.scope = scope;
            this.value = value;
        }
    }

    private SqlWork<Integer> set(Scope scope, String key, T limit) {
        Long stored = limit.isLimited() ? limit.asLong() : null;
        return connection -> Sql.update(connection, QuotaSql.SET_LIMIT, scope.name(), key, resource, stored);
    }

    private SqlWork<Integer> remove(Scope scope, String key) {
        return connection -> Sql.update(connection, QuotaSql.REMOVE_LIMIT, scope.name(), key, resource);
    }

    private SqlWork<Optional<T>> get(Scope scope, String key) {
        return connection -> Sql.first(connection, QuotaSql.LIMIT,
            row -> limit(Sql.optionalLong(row, "max_value")), scope.name(), key, resource);
    }

    private T limit(Optional<Long> stored) {
        return fromStored.apply(stored);
    }
}
