package io.syncstore.backend.jmap;

import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Named;

import org.apache.james.jmap.api.change.Limit;
import org.apache.james.jmap.api.change.MailboxChange;
import org.apache.james.jmap.api.change.MailboxChangeRepository;
import org.apache.james.jmap.api.change.MailboxChanges;
import org.apache.james.jmap.api.change.State;
import org.apache.james.jmap.api.model.AccountId;
import org.apache.james.mailbox.model.MailboxId;

import com.google.common.base.Preconditions;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.sql.JmapChangeSql;
import reactor.core.publisher.Mono;

/** The mailbox changes of each account (JMAP {@code Mailbox/changes}), kept in the database. */
public class SyncStoreMailboxChangeRepository implements MailboxChangeRepository {
    public static final String LIMIT_NAME = "mailboxChangeDefaultLimit";

    private final Database database;
    private final MailboxId.Factory mailboxIdFactory;
    private final Limit defaultLimit;
    private final ChangeLog log;

    @Inject
    public SyncStoreMailboxChangeRepository(Database database, MailboxId.Factory mailboxIdFactory, @Named(LIMIT_NAME) Limit defaultLimit,
                                              ChangeRetention retention) {
        this.database = database;
        this.mailboxIdFactory = mailboxIdFactory;
        this.defaultLimit = defaultLimit;
        this.log = new ChangeLog(database, JmapChangeSql.MAILBOX_CHANGE, retention);
    }

    @Override
    public Mono<Void> save(MailboxChange change) {
        return database.writeReactive(insertion(change)).then();
    }

    /** What {@link #save} writes, for a write that saves other changes with it. */
    SqlWork<Integer> insertion(MailboxChange change) {
        Preconditions.checkNotNull(change.getAccountId());
        Preconditions.checkNotNull(change.getState());
        return connection -> {
            int inserted = Sql.update(connection, JmapChangeSql.insertMailboxChange(),
                change.getAccountId().getIdentifier(), change.getState().getValue().toString(), ChangeLog.micros(change.getDate()),
                change.isDelegated(), change.isCountChange(),
                ChangeLog.join(change.getCreated(), MailboxId::serialize),
                ChangeLog.join(change.getUpdated(), MailboxId::serialize),
                ChangeLog.join(change.getDestroyed(), MailboxId::serialize));
            log.pruneIfDue(connection, change.getAccountId());
            return inserted;
        };
    }

    /** See {@link ChangeLog#countStored}. */
    Optional<SqlWork<Boolean>> countStored(AccountId accountId) {
        return log.countStored(accountId);
    }

    @Override
    public Mono<MailboxChanges> getSinceState(AccountId accountId, State state, Optional<Limit> maxChanges) {
        return changesSince(accountId, state, maxChanges, false);
    }

    @Override
    public Mono<MailboxChanges> getSinceStateWithDelegation(AccountId accountId, State state, Optional<Limit> maxChanges) {
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

    private Mono<MailboxChanges> changesSince(AccountId accountId, State state, Optional<Limit> maxChanges, boolean withDelegated) {
        Preconditions.checkNotNull(accountId);
        Preconditions.checkNotNull(state);
        maxChanges.ifPresent(limit -> Preconditions.checkArgument(limit.getValue() > 0, "maxChanges must be a positive integer"));
        return log.changesSince(accountId, state, withDelegated)
            .map(row -> MailboxChange.builder()
                .accountId(accountId)
                .state(row.state)
                .date(ChangeLog.date(row.changedAt))
                .isCountChange(row.countChange)
                .delegated(withDelegated)
                .created(ChangeLog.parse(row.created, mailboxIdFactory::fromString))
                .updated(ChangeLog.parse(row.updated, mailboxIdFactory::fromString))
                .destroyed(ChangeLog.parse(row.destroyed, mailboxIdFactory::fromString))
                .build())
            .collect(new MailboxChanges.MailboxChangesBuilder.MailboxChangeCollector(state, maxChanges.orElse(defaultLimit)));
    }
}
