package io.syncstore.backend.jmap;

import java.time.ZonedDateTime;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.util.date.ZonedDateTimeProvider;
import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.NotificationRegistry;
import org.apache.james.vacation.api.RecipientId;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.sql.VacationSql;
import reactor.core.publisher.Mono;

/** The senders a vacation response was already sent to, until the response ends. */
public class SyncStoreNotificationRegistry implements NotificationRegistry {
    private final Database database;
    private final ZonedDateTimeProvider now;

    @Inject
    public SyncStoreNotificationRegistry(Database database, ZonedDateTimeProvider now) {
        this.database = database;
        this.now = now;
    }

    @Override
    public Mono<Void> register(AccountId accountId, RecipientId recipientId, Optional<ZonedDateTime> expiryDate) {
        return database.writeReactive(connection -> Sql.update(connection, VacationSql.REGISTER, accountId.getIdentifier(),
                recipientId.getAsString(), expiryDate.map(date -> date.toInstant().toEpochMilli()).orElse(null)))
            .then();
    }

    @Override
    public Mono<Boolean> isRegistered(AccountId accountId, RecipientId recipientId) {
        return Mono.fromCallable(() -> now.get().toInstant().toEpochMilli())
            .flatMap(nowMillis -> database.readReactive(connection -> Sql.count(connection, VacationSql.IS_REGISTERED,
                accountId.getIdentifier(), recipientId.getAsString(), nowMillis) > 0));
    }

    @Override
    public Mono<Void> flush(AccountId accountId) {
        return database.writeReactive(connection -> Sql.update(connection, VacationSql.FLUSH, accountId.getIdentifier()))
            .then();
    }
}
