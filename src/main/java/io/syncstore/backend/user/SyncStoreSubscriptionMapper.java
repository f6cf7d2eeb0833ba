package io.syncstore.backend.user;

import java.util.List;

import org.apache.james.core.Username;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.SubscriptionException;
import org.apache.james.mailbox.store.user.SubscriptionMapper;
import org.apache.james.mailbox.store.user.model.Subscription;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.sql.SubscriptionSql;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

public final class SyncStoreSubscriptionMapper implements SubscriptionMapper {
    private final Database database;

    public SyncStoreSubscriptionMapper(Database database) {
        this.database = database;
    }

    @Override
    public void save(Subscription subscription) throws SubscriptionException {
        try {
            database.write(subscribe(subscription));
        } catch (MailboxException e) {
            throw new SubscriptionException(e);
        }
    }

    @Override
    public Mono<Void> saveReactive(Subscription subscription) {
        return database.writeReactive(subscribe(subscription)).then();
    }

    @Override
    public List<Subscription> findSubscriptionsForUser(Username user) throws SubscriptionException {
        try {
            return database.read(subscriptionsOf(user));
        } catch (MailboxException e) {
            throw new SubscriptionException(e);
        }
    }

    @Override
    public Flux<Subscription> findSubscriptionsForUserReactive(Username user) {
        return database.readReactive(subscriptionsOf(user)).flatMapIterable(subscriptions -> subscriptions);
    }

    @Override
    public void delete(Subscription subscription) throws SubscriptionException {
        try {
            database.write(unsubscribe(subscription));
        } catch (MailboxException e) {
            throw new SubscriptionException(e);
        }
    }

    @Override
    public Mono<Void> deleteReactive(Subscription subscription) {
        return database.writeReactive(unsubscribe(subscription)).then();
    }

    private static SqlWork<Integer> subscribe(Subscription subscription) {
        return connection -> Sql.update(connection, SubscriptionSql.SUBSCRIBE,
            subscription.getUser().asString(), subscription.getMailbox());
    }

    private static SqlWork<Integer> unsubscribe(Subscription subscription) {
        return connection -> Sql.update(connection, SubscriptionSql.UNSUBSCRIBE,
            subscription.getUser().asString(), subscription.getMailbox());
    }

    private static SqlWork<List<Subscription>> subscriptionsOf(Username user) {
        return connection -> Sql.list(connection, SubscriptionSql.MAILBOXES_OF_USER,
            row -> new Subscription(user, row.getString("mailbox_name")), user.asString());
    }
}
