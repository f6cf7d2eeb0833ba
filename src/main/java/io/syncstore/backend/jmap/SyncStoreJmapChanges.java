package io.syncstore.backend.jmap;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.jmap.api.change.EmailChange;
import org.apache.james.jmap.api.change.MailboxChange;

import io.syncstore.backend.db.Database;
import reactor.core.publisher.Mono;

/** Mailbox and email changes saved together, in one write of the database, as their repositories save each. */
public class SyncStoreJmapChanges {
    private final Database database;
    private final SyncStoreMailboxChangeRepository mailboxChanges;
    private final SyncStoreEmailChangeRepository emailChanges;

    @Inject
    public SyncStoreJmapChanges(Database database, SyncStoreMailboxChangeRepository mailboxChanges,
                                SyncStoreEmailChangeRepository emailChanges) {
        this.database = database;
        this.mailboxChanges = mailboxChanges;
        this.emailChanges = emailChanges;
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
