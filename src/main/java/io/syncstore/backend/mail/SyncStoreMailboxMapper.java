package io.syncstore.backend.mail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.mailbox.acl.ACLDiff;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.exception.UnsupportedRightException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.apache.james.mailbox.store.transaction.NonTransactionalMapper;

import io.syncstore.backend.db.Database;
import io.syncstore.backend.db.Sql;
import io.syncstore.backend.model.SyncStoreMailboxId;
import io.syncstore.backend.sql.ImportSql;
import io.syncstore.backend.sql.MailboxSql;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Mailboxes and their ACLs. Deleting a mailbox removes its contents in the same transaction. A mailbox looked up by id
 * or path is read once and then {@linkplain KeptMailboxes kept} until a write here changes it.
 */
public class SyncStoreMailboxMapper extends NonTransactionalMapper implements MailboxMapper {
    /** Removes what a mailbox holds (messages, annotations, ...) inside the transaction that deletes it. */
    @FunctionalInterface
    public interface ContentsRemover {
        void removeContentsOf(Connection connection, SyncStoreMailboxId mailboxId) throws SQLException, MailboxException;
    }

    private static final String NO_OWNER = "";

    private final Database database;
    private final ContentsRemover contentsRemover;
    private final KeptMailboxes kept = new KeptMailboxes();

    public SyncStoreMailboxMapper(Database database, ContentsRemover contentsRemover) {
        this.database = database;
        this.contentsRemover = contentsRemover;
    }

    /** The mailboxes kept between look-ups, for the events of another node's changes. */
    public KeptMailboxes kept() {
        return kept;
    }

    @Override
    public Mono<Mailbox> create(MailboxPath path, UidValidity uidValidity) {
        return database.writeReactive(connection -> {
            Optional<Long> id = Sql.first(connection, MailboxSql.CREATE, row -> row.getLong(1),
                path.getNamespace(), owner(path.getUser()), path.getName(), uidValidity.asLong());
            return new Mailbox(path, uidValidity, SyncStoreMailboxId.of(
                id.orElseThrow(() -> new MailboxExistsException(path.asString()))));
        });
    }

    @Override
    public Mono<MailboxId> rename(Mailbox mailbox) {
        return database.writeReactive(connection -> {
            long id = SyncStoreMailboxId.from(mailbox.getMailboxId()).value();
            boolean pathTaken = Sql.first(connection, MailboxSql.EXISTS_BY_PATH, row -> row.getLong(1),
                mailbox.getNamespace(), owner(mailbox.getUser()), mailbox.getName()).isPresent();
            if (pathTaken) {
                throw new MailboxExistsException(mailbox.getName());
            }
            if (Sql.update(connection, MailboxSql.RENAME, mailbox.getNamespace(), owner(mailbox.getUser()), mailbox.getName(), id) == 0) {
                throw new MailboxNotFoundException(mailbox.getMailboxId());
            }
            forgetAfterCommit(id);
            return mailbox.getMailboxId();
        });
    }

    @Override
    public Mono<Void> delete(Mailbox mailbox) {
        return database.writeReactive(connection -> {
            SyncStoreMailboxId id = SyncStoreMailboxId.from(mailbox.getMailboxId());
            contentsRemover.removeContentsOf(connection, id);
            forgetAfterCommit(id.value());
            return Sql.update(connection, MailboxSql.DELETE, id.value());
        }).then();
    }

    /**
     * Gives an imported mailbox the UIDVALIDITY of its source, unless it already gave out UIDs (no client knows a UID
     * of it yet). Returns whether it did.
     */
    public boolean adoptUidValidity(MailboxId mailboxId, long uidValidity) throws MailboxException {
        long id = SyncStoreMailboxId.from(mailboxId).value();
        return database.write(connection -> {
            forgetAfterCommit(id);
            return Sql.update(connection, ImportSql.ADOPT_UID_VALIDITY, uidValidity, id);
        }) > 0;
    }

    @Override
    public Mono<Mailbox> findMailboxByPath(MailboxPath path) {
        return kept.byPath(path, findOne(MailboxSql.FIND_BY_PATH, path.getNamespace(), owner(path.getUser()), path.getName()));
    }

    @Override
    public Mono<Mailbox> findMailboxById(MailboxId mailboxId) {
        long id = SyncStoreMailboxId.from(mailboxId).value();
        return kept.byId(id, findOne(MailboxSql.FIND_BY_ID, id))
            .switchIfEmpty(Mono.error(() -> new MailboxNotFoundException(mailboxId)));
    }

    @Override
    public Flux<Mailbox> findNonPersonalMailboxes(Username user, MailboxACL.Right right) {
        String entryKey = MailboxACL.EntryKey.createUserEntryKey(user).serialize();
        return listWithAcl(MailboxSql.FIND_WITH_ACL_ENTRY, entryKey)
            .filter(mailbox -> Optional.ofNullable(mailbox.getACL().getEntries().get(MailboxACL.EntryKey.deserialize(entryKey)))
                .map(rights -> rights.contains(right))
                .orElse(false));
    }

    @Override
    public Flux<Mailbox> findMailboxWithPathLike(MailboxQuery.UserBound query) {
        return listWithAcl(MailboxSql.FIND_BY_NAMESPACE_AND_OWNER, query.getFixedNamespace(), owner(query.getFixedUser()))
            .filter(query::matches);
    }

    @Override
    public Mono<Boolean> hasChildren(Mailbox mailbox, char delimiter) {
        String prefix = mailbox.getName() + delimiter;
        return database.readReactive(connection -> Sql.count(connection, MailboxSql.HAS_CHILDREN,
                mailbox.getNamespace(), owner(mailbox.getUser()), prefix.length(), prefix) > 0);
    }

    @Override
    public Mono<ACLDiff> updateACL(Mailbox mailbox, MailboxACL.ACLCommand command) {
        return database.writeReactive(connection -> {
            long id = SyncStoreMailboxId.from(mailbox.getMailboxId()).value();
            MailboxACL oldAcl = aclOf(connection, id);
            MailboxACL newAcl = oldAcl.apply(command);
            storeAcl(connection, id, newAcl);
            forgetAfterCommit(id);
            mailbox.setACL(newAcl);
            return ACLDiff.computeDiff(oldAcl, newAcl);
        });
    }

    @Override
    public Mono<ACLDiff> setACL(Mailbox mailbox, MailboxACL acl) {
        return database.writeReactive(connection -> {
            long id = SyncStoreMailboxId.from(mailbox.getMailboxId()).value();
            MailboxACL oldAcl = aclOf(connection, id);
            storeAcl(connection, id, acl);
            forgetAfterCommit(id);
            mailbox.setACL(acl);
            return ACLDiff.computeDiff(oldAcl, acl);
        });
    }

    @Override
    public Flux<Mailbox> list() {
        return listWithAcl(MailboxSql.LIST);
    }

    private void forgetAfterCommit(long id) {
        database.afterCommit(() -> kept.forget(id));
    }

    private Mono<Mailbox> findOne(String sql, Object... parameters) {
        return listWithAcl(sql, parameters).next();
    }

    /** The mailboxes the query selects, each with its ACL, read in one statement. */
    private Flux<Mailbox> listWithAcl(String sql, Object... parameters) {
        return database.readReactive(connection -> {
                Map<Long, Mailbox> mailboxes = new LinkedHashMap<>();
                Map<Long, Map<MailboxACL.EntryKey, MailboxACL.Rfc4314Rights>> acls = new HashMap<>();
                try (PreparedStatement statement = Sql.prepare(connection, MailboxSql.withAclEntries(sql), parameters);
                     ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        long id = rows.getLong("id");
                        if (!mailboxes.containsKey(id)) {
                            mailboxes.put(id, withoutAcl(rows));
                        }
                        Map<MailboxACL.EntryKey, MailboxACL.Rfc4314Rights> acl = acls.computeIfAbsent(id, any -> new HashMap<>());
                        String entryKey = rows.getString("entry_key");
                        if (entryKey != null) {
                            acl.put(MailboxACL.EntryKey.deserialize(entryKey), rights(rows.getString("rights")));
                        }
                    }
                }
                mailboxes.forEach((id, mailbox) -> mailbox.setACL(new MailboxACL(acls.get(id))));
                return new ArrayList<>(mailboxes.values());
            })
            .flatMapIterable(mailboxes -> mailboxes);
    }

    private Mailbox withoutAcl(ResultSet row) throws SQLException {
        String owner = row.getString("owner");
        MailboxPath path = new MailboxPath(row.getString("namespace"),
            owner.equals(NO_OWNER) ? null : Username.of(owner),
            row.getString("name"));
        return new Mailbox(path, UidValidity.of(row.getLong("uid_validity")), SyncStoreMailboxId.of(row.getLong("id")));
    }

    private static MailboxACL aclOf(Connection connection, long mailboxId) throws SQLException {
        Map<MailboxACL.EntryKey, MailboxACL.Rfc4314Rights> entries = new HashMap<>();
        for (Map.Entry<String, String> entry : Sql.list(connection, MailboxSql.ACL_OF,
                row -> Map.entry(row.getString("entry_key"), row.getString("rights")), mailboxId)) {
            entries.put(MailboxACL.EntryKey.deserialize(entry.getKey()), rights(entry.getValue()));
        }
        return new MailboxACL(entries);
    }

    private static void storeAcl(Connection connection, long mailboxId, MailboxACL acl) throws SQLException {
        Sql.update(connection, MailboxSql.CLEAR_ACL, mailboxId);
        Sql.batch(connection, MailboxSql.ADD_ACL_ENTRY, acl.getEntries().entrySet().stream()
            .map(entry -> new Object[] {mailboxId, entry.getKey().serialize(), entry.getValue().serialize()})
            .collect(java.util.stream.Collectors.toList()));
    }

    static MailboxACL.Rfc4314Rights rights(String serialized) throws SQLException {
        try {
            return MailboxACL.Rfc4314Rights.deserialize(serialized);
        } catch (UnsupportedRightException e) {
            throw new SQLException("Unreadable rights '" + serialized + "' in mailbox_acl", e);
        }
    }

    private static String owner(Username user) {
        return user == null ? NO_OWNER : user.asString();
    }
}
