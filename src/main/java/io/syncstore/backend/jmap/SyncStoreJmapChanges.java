package io.syncstore.backend.jmap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.jmap.api.change.EmailChange;
import org.apache.james.jmap.api.change.MailboxChange;
import org.apache.james.jmap.api.change.State;
import org.apache.james.jmap.api.model.AccountId;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.db.SqlWork;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.sql.JmapChangeSql;
import reactor.core.publisher.Mono;

/**
 * Mailbox and email changes saved together, in one write of the database, as their repositories save each; and those
 * the store saved in the write that made them ({@code JmapChangeRows}), found by their state.
 */
public class SyncStoreJmapChanges {
    private final Database database;
    private final SyncStoreMailboxChangeRepository mailboxChanges;
    private final SyncStoreEmailChangeRepository emailChanges;
    private final SavedChangeAccounts savedAccounts;

    @Inject
    public SyncStoreJmapChanges(Database database, SyncStoreMailboxChangeRepository mailboxChanges,
                                SyncStoreEmailChangeRepository emailChanges, SavedChangeAccounts savedAccounts) {
        this.database = database;
        this.mailboxChanges = mailboxChanges;
        this.emailChanges = emailChanges;
        this.savedAccounts = savedAccounts;
    }

    /**
     * The accounts the store's write saved the email change of this state for: as the write of this node handed them
     * over at its commit, else read among the mailbox's owner and the users its ACL names now (a read whose failure is
     * the caller's).
     */
    public Mono<Set<Username>> storedFor(SyncStoreMailboxId mailboxId, Username owner, State state) {
        return Mono.defer(() -> savedAccounts.take(state)
            .map(Mono::just)
            .orElseGet(() -> database.readReactive(connection -> Sql.list(connection,
                    JmapChangeSql.accountsWithState(database.dialect()), row -> Username.of(row.getString(1)),
                    state.getValue().toString(), owner.asString(), mailboxId.value()))
                .map(Set::copyOf)));
    }

    /**
     * Counts changes the store saved in its own write towards the pruning of their accounts' logs (docs/jmap.md,
     * retention); the prunings that are due run in one write.
     */
    public Mono<Void> countStored(Collection<AccountId> mailboxAccounts, Collection<AccountId> emailAccounts) {
        List<SqlWork<Boolean>> prunings = new ArrayList<>();
        mailboxAccounts.forEach(account -> mailboxChanges.countStored(account).ifPresent(prunings::add));
        emailAccounts.forEach(account -> emailChanges.countStored(account).ifPresent(prunings::add));
        if (prunings.isEmpty()) {
            return Mono.empty();
        }
        return database.writeReactive(connection -> {
                for (SqlWork<Boolean> pruning : prunings) {
                    pruning.run(connection);
                }
                return prunings.size();
            })
            .then();
    }

    public Mono<Void> saveAll(List<MailboxChange> mailboxes, List<EmailChange> emails) {
        if (mailboxes.isEmpty() && emails.isEmpty()) {
            return Mono.empty();
        }
        return database.writeReactive(connection -> {
                for (MailboxChange change : mailboxes) {
                    mailboxChanges.insertion(change).run(connection);
                }
                for (EmailChange change : emails) {
                    emailChanges.insertion(change).run(connection);
                }
                return mailboxes.size() + emails.size();
            })
            .then();
    }
}
