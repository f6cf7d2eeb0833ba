package io.syncstore.backend.jmap;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.james.jmap.api.change.State;
import org.apache.james.jmap.api.exception.ChangeNotFoundException;
import org.apache.james.jmap.api.model.AccountId;

import com.google.common.collect.ImmutableList;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.sql.JmapChangeSql;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads one of the change log tables: the changes of an account after a given state, in pages, and its latest
 * state. Reading after a state costs the changes since that state, not the size of the account.
 */
final class ChangeLog {
    private static final int PAGE_SIZE = 500;

    /** A stored change, its ids still serialised. */
    static final class Row {
        final long seq;
        final long changedAt;
        final State state;
        final boolean countChange;
        final List<String> created;
        final List<String> updated;
        final List<String> destroyed;

        Row(long seq, long changedAt, State state, boolean countChange, List<String> created, List<String> updated, List<String> destroyed) {
            this.seq = seq;
            this.changedAt = changedAt;
            this.state = state;
            this.countChange = countChange;
            this.created = created;
            this.updated = updated;
            this.destroyed = destroyed;
        }
    }

    private final Database database;
    private final String table;
    private final ChangeRetention retention;
    private final AtomicLong saves = new AtomicLong();

    ChangeLog(Database database, String table, ChangeRetention retention) {
        this.database = database;
        this.table = table;
        this.retention = retention;
    }

    /** Called in the transaction that saved a change of the account: prunes its log when it is due. */
    void pruneIfDue(Connection connection, AccountId accountId) throws SQLException {
        if (countSave()) {
            prune(connection, accountId);
        }
    }

    /**
     * Counts a change the store saved in a write of its own; when that is the change that prunes its account's log,
     * answers the pruning, for a write.
     */
    Optional<SqlWork<Boolean>> countStored(AccountId accountId) {
        if (!countSave()) {
            return Optional.empty();
        }
        return Optional.of(connection -> {
            prune(connection, accountId);
            return true;
        });
    }

    private boolean countSave() {
        return saves.incrementAndGet() % retention.pruneEvery == 0;
    }

    private void prune(Connection connection, AccountId accountId) throws SQLException {
        String account = accountId.getIdentifier();
        Sql.update(connection, JmapChangeSql.pruneOlderThan(table), account, micros(ZonedDateTime.now().minus(retention.maxAge)), account);
        Sql.update(connection, JmapChangeSql.pruneBeyondCount(table), account, account, retention.maxCount - 1);
    }

    /** The changes after the given state (all of them after {@link State#INITIAL}); fails if the state is unknown. */
    Flux<Row> changesSince(AccountId accountId, State state, boolean withDelegated) {
        Mono<long[]> start = state.equals(State.INITIAL)
            ? Mono.just(new long[] {Long.MIN_VALUE, Long.MIN_VALUE})
            : database.readReactive(connection -> position(connection, accountId, state))
                .flatMap(Mono::justOrEmpty)
                .switchIfEmpty(Mono.error(() -> new ChangeNotFoundException(state,
                    String.format("State '%s' could not be found", state.getValue()))));
        return start.flatMapMany(position -> pagesAfter(accountId, position[0], position[1], withDelegated));
    }

    Mono<State> latestState(AccountId accountId, boolean withDelegated) {
        return database.readReactive(connection -> Sql.first(connection, JmapChangeSql.latestState(table),
                row -> State.of(UUID.fromString(row.getString(1))), accountId.getIdentifier(), withDelegated ? 1 : 0))
            .map(latest -> latest.orElse(State.INITIAL));
    }

    private Flux<Row> pagesAfter(AccountId accountId, long changedAt, long seq, boolean withDelegated) {
        return database.readReactive(connection -> page(connection, accountId, changedAt, seq, withDelegated))
            .flatMapMany(page -> {
                Flux<Row> rows = Flux.fromIterable(page);
                if (page.size() < PAGE_SIZE) {
                    return rows;
                }
                Row last = page.get(page.size() - 1);
                return rows.concatWith(Flux.defer(() -> pagesAfter(accountId, last.changedAt, last.seq, withDelegated)));
            });
    }

    private Optional<long[]> position(Connection connection, AccountId accountId, State state) throws SQLException {
        return Sql.first(connection, JmapChangeSql.positionOf(table),
            row -> new long[] {row.getLong(1), row.getLong(2)}, accountId.getIdentifier(), state.getValue().toString());
    }

    private List<Row> page(Connection connection, AccountId accountId, long changedAt, long seq, boolean withDelegated) throws SQLException {
        return Sql.list(connection, JmapChangeSql.changesAfter(table),
            row -> new Row(row.getLong("seq"), row.getLong("changed_at"), State.of(UUID.fromString(row.getString("state"))),
                row.getBoolean("count_change"),
                split(row.getString("created")), split(row.getString("updated")), split(row.getString("destroyed"))),
            accountId.getIdentifier(), changedAt, seq, withDelegated ? 1 : 0, PAGE_SIZE);
    }

    static long micros(ZonedDateTime date) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, date.toInstant());
    }

    static ZonedDateTime date(long micros) {
        return ZonedDateTime.ofInstant(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static <T> String join(Collection<T> ids, Function<T, String> serialiser) {
        return ids.stream().map(serialiser).collect(Collectors.joining(" "));
    }

    static <T> List<T> parse(List<String> ids, Function<String, T> parser) {
        return ids.stream().map(parser).collect(ImmutableList.toImmutableList());
    }

    private static List<String> split(String ids) {
        return ids.isEmpty() ? List.of() : Arrays.asList(ids.split(" "));
    }
}
