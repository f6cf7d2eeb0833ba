package io.syncstore.backend.jmap;

import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Named;

import org.apache.james.jmap.api.change.EmailChange;
import org.apache.james.jmap.api.change.EmailChangeRepository;
import org.apache.james.jmap.api.change.EmailChanges;
import org.apache.james.jmap.api.change.Limit;
import org.apache.james.jmap.api.change.State;
import org.apache.james.jmap.api.model.AccountId;
import org.apache.james.mailbox.model.MessageId;

import com.google.common.base.Preconditions;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.sql.JmapChangeSql;
import reactor.core.publisher.Mono;

/** The email changes of each account (JMAP {@code Email/changes}), kept in the database. */
public class SyncStoreEmailChangeRepository implements EmailChangeRepository {
    public static final String LIMIT_NAME = "emailChangeDefaultLimit";

    private final Database database;
    private final MessageId.Factory messageIdFactory;
    private final Limit defaultLimit;
    private final ChangeLog log;

    @Inject
    public SyncStoreEmailChangeRepository(Database database, MessageId.Factory messageIdFactory, @Named(LIMIT_NAME) Limit defaultLimit,
                                            ChangeRetention retention) {
        this.database = database;
        this.messageIdFactory = messageIdFactory;
        this.defaultLimit = defaultLimit;
        this.log = new ChangeLog(database, JmapChangeSql.EMAIL_CHANGE, retention);
    }

    @Override
    public Mono<Void> save(EmailChange change) {
        return database.writeReactive(insertion(change)).then();
    }

    /** What {@link #save} writes, for a write that saves other changes with it. */
    SqlWork<Integer> insertion(EmailChange change) {
        Preconditions.checkNotNull(change.getAccountId());
        Preconditions.checkNotNull(change.getState());
        return connection -> {
            int inserted = Sql.update(connection, JmapChangeSql.insertEmailChange(),
                change.getAccountId().getIdentifier(), change.getState().getValue().toString(), ChangeLog.micros(change.getDate()),
                change.isDelegated(), change.isDelivery(),
                ChangeLog.join(change.getCreated(), MessageId::serialize),
                ChangeLog.join(change.getUpdated(), MessageId::serialize),
                ChangeLog.join(change.getDestroyed(), MessageId::serialize));
            log.pruneIfDue(connection, change.getAccountId());
            return inserted;
        };
    }

    /** See {@link ChangeLog#countStored}. */
    Optional<SqlWork<Boolean>> countStored(AccountId accountId) {
        return log.countStored(accountId);
    }

    @Override
    public Mono<EmailChanges> getSinceState(AccountId accountId, State state, Optional<Limit> maxChanges) {
        return changesSince(accountId, state, maxChanges, false);
    }

    @Override
    public Mono<EmailChanges> getSinceStateWithDelegation(AccountId accountId, State state, Optional<Limit> maxChanges) {
        return changesSince(accountId, state, maxChanges, true);
    }

    @Override
    public Mono<State> getLatestState(AccountId accountId) {
        return log.latestState(accountId, false);
    }

    @Override
    public Mono<State> getLatestStateWithDelegation(AccountId accountId) {
        return log.latestState(accountId, true);
    }

    private Mono<EmailChanges> changesSince(AccountId accountId, State state, Optional<Limit> maxChanges, boolean withDelegated) {
        Preconditions.checkNotNull(accountId);
        Preconditions.checkNotNull(state);
        return log.changesSince(accountId, state, withDelegated)
            .map(row -> EmailChange.builder()
                .accountId(accountId)
                .state(row.state)
                .date(ChangeLog.date(row.changedAt))
                .isDelegated(withDelegated)
                .created(ChangeLog.parse(row.created, messageIdFactory::fromString))
                .updated(ChangeLog.parse(row.updated, messageIdFactory::fromString))
                .destroyed(ChangeLog.parse(row.destroyed, messageIdFactory::fromString))
                .build())
            .collect(new EmailChanges.Builder.EmailChangeCollector(state, maxChanges.orElse(defaultLimit)));
    }
}
